package io.dgas.store.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a CSV source one line at a time: strips a UTF-8 byte-order mark, accepts LF, CRLF and CR line ends, skips
 * blank lines, and splits on commas with RFC 4180 double quotes. Only the current line is held in memory.
 */
public final class CsvReader implements AutoCloseable {
    private final BufferedReader in;
    private final List<String> fields = new ArrayList<>(12);
    private long lineNumber;
    private String line;

    public CsvReader(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    }

    /**
     * {@link #next()} for an ingest of {@code source}: a source that is not UTF-8 is bad input naming it; other read
     * failures are unchecked.
     */
    boolean next(String source) {
        try {
            return next();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + " is not UTF-8 text (save it as UTF-8)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** Advances to the next non-blank line; false at the end. */
    public boolean next() throws IOException {
        while (true) {
            String l = in.readLine();
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
                fields.add(sb.toString().trim());
                if (comma < 0) {
                    return;
                }
                i = comma + 1;
            } else {
                int comma = l.indexOf(',', i);
                if (comma < 0) {
                    fields.add(l.substring(i).trim());
                    return;
                }
                fields.add(l.substring(i, comma).trim());
                i = comma + 1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
