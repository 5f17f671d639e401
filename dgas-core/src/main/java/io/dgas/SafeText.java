package io.dgas;

/**
 * Text from input made safe to print on a terminal or in a log line: control characters (C0, DEL, C1), line and
 * paragraph separators and the Unicode bidirectional/format controls that can reorder or hide what a terminal shows
 * are written as escapes ({@code \x1b}, {@code \u202e}); everything else stays as it is.
 */
public final class SafeText {
    private SafeText() {}

    /** {@code s} with every unsafe character escaped; the same instance when there is none; null stays null. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c < 0x100) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u061c'
                || (c >= '\u200b' && c <= '\u200f')
                || (c >= '\u2028' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\ufeff';
    }
}
