package io.dgas.store.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a CSV source one line at a time: strips a UTF-8 byte-order mark, accepts LF, CRLF and CR line ends, skips
 * blank lines, and splits on commas with RFC 4180 double quotes; fields lose edge spaces and tabs, never other control
 * characters (a stray NUL or escape stays in the value, so validation sees it). Only the current line is held in memory, and a line
 * longer than the cap is refused as soon as the cap is passed: a huge file without line ends never fills the heap.
 */
public final class CsvReader implements AutoCloseable {
    /** The default line cap in characters. */
    public static final int DEFAULT_MAX_LINE = 65_536;

    private final Reader in;
    private final int maxLine;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder partial = new StringBuilder();
    private final List<String> fields = new ArrayList<>(12);
    private int pos;
    private int lim;
    private boolean skipLf;
    private long lineNumber;
    private String line;

    public CsvReader(Reader reader) {
        this(reader, DEFAULT_MAX_LINE);
    }

    /** A reader refusing lines longer than {@code maxLineChars} characters. */
    public CsvReader(Reader reader, int maxLineChars) {
        this.in = reader;
        this.maxLine = maxLineChars;
    }

    /** A line passed the cap; the text read of it so far is at most the cap. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        final transient String start;

        LineTooLongException(String start) {
            super("line longer than the cap");
            this.start = start;
        }
    }

    /**
     * {@link #next()} for an ingest of {@code source}: a source that is not UTF-8 or has a line over the cap is bad
     * input naming it; other read failures are unchecked.
     */
    boolean next(String source) {
        try {
            return next();
        } catch (LineTooLongException e) {
            throw new InvalidInputException(
                    source,
                    new Reject(
                            lineNumber + 1,
                            "row",
                            e.start,
                            "line longer than " + maxLine
                                    + " characters (ingest.max_line_length); is it a CSV file with line ends?"));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + " is not UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** Advances to the next non-blank line; false at the end. */
    public boolean next() throws IOException {
        while (true) {
            String l = readLine();
            if (l == null) {
                line = null;
                return false;
            }
            lineNumber++;
            if (lineNumber == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') {
                l = l.substring(1);
            }
            if (!l.isBlank()) {
                line = l;
                split(l);
                return true;
            }
        }
    }

    /** The next physical line without its end, or null at the end of input; never more than the cap is buffered. */
    private String readLine() throws IOException {
        partial.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= lim) {
                lim = in.read(buf, 0, buf.length);
                pos = 0;
                if (lim <= 0) {
                    lim = 0;
                    return any ? partial.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int len = pos - start;
            if (partial.length() + len > maxLine) {
                partial.append(buf, start, Math.min(len, 80));
                throw new LineTooLongException(partial.substring(0, Math.min(partial.length(), 80)));
            }
            any |= len > 0;
            if (pos < lim) {
                skipLf = buf[pos++] == '\r';
                if (partial.length() == 0) {
                    return new String(buf, start, len);
                }
                return partial.append(buf, start, len).toString();
            }
            partial.append(buf, start, len);
        }
    }

    /** 1-based physical line number of the current line (blank lines count). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The current line's text. */
    public String line() {
        return line;
    }

    /** The current line's fields, trimmed; valid until the next call to {@link #next()}. */
    public List<String> fields() {
        return fields;
    }

    private void split(String l) {
        fields.clear();
        int n = l.length();
        int i = 0;
        while (true) {
            if (i < n && l.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n) {
                    char c = l.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && l.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                int comma = l.indexOf(',', i);
                fields.add(trim(sb.toString()));
                if (comma < 0) {
                    return;
                }
                i = comma + 1;
            } else {
                int comma = l.indexOf(',', i);
                if (comma < 0) {
                    fields.add(trim(l.substring(i)));
                    return;
                }
                fields.add(trim(l.substring(i, comma)));
                i = comma + 1;
            }
        }
    }

    /** {@code s} without leading and trailing spaces and tabs (unlike {@link String#trim}, which drops NUL, ESC …). */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
