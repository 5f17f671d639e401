package io.dgas;

import java.util.Locale;

/** User-given text made safe to echo in a message: control characters escaped, long values cut. */
public final class Printable {
    private static final int MAX = 200;

    private Printable() {}

    /** {@code text} with control characters as {@code \\uXXXX} and at most 200 characters (then {@code …}). */
    public static String of(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX ? b + "…" : b.toString();
    }
}
