package io.dgas.store.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rejects report of a {@code --skip-invalid} ingest: CSV {@code line,field,value,reason}, created on the first
 * reject (no rejects, no file), streamed so memory stays bounded. Values are kept whole (a line is at most the line
 * cap long) and made safe to open in a spreadsheet ({@link #quote}).
 */
final class RejectsFile implements AutoCloseable {
    private final Path path;
    private BufferedWriter out;
    private long count;

    RejectsFile(Path path) {
        this.path = path;
    }

    /** {@code data/bars.csv} → {@code data/bars.csv.rejects.csv}; null when the source is not a file. */
    static Path besides(Path source) {
        return source == null ? null : source.resolveSibling(source.getFileName() + ".rejects.csv");
    }

    void add(Reject r) {
        count++;
        if (path == null) {
            return;
        }
        try {
            if (out == null) {
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                out.write("line,field,value,reason\n");
            }
            out.write(r.line() + "," + quote(r.field()) + "," + quote(r.value()) + "," + quote(r.reason()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path + ": " + why(e), e);
        }
    }

    /** The cause in words: the JDK names only the path for a missing directory or a denied file. */
    private static String why(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException
                ? "its directory does not exist"
                : e instanceof java.nio.file.AccessDeniedException
                        ? "permission denied"
                        : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    long count() {
        return count;
    }

    /** The path written, or null when nothing was rejected. */
    String written() {
        return out == null ? null : path.toString();
    }

    /**
     * One CSV cell, whole: a cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
     * return) gets a leading single quote (OWASP CSV-injection advice), and a cell holding a comma, quote, line end
     * or edge space is quoted with inner quotes doubled.
     */
    static String quote(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        boolean plain = true;
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c != ',' && c != '"' && c != '\n' && c != '\r';
        }
        if (plain && (v.isEmpty() || v.charAt(0) != ' ' && v.charAt(v.length() - 1) != ' ')) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write rejects file " + path + ": " + why(e), e);
            }
        }
    }
}
