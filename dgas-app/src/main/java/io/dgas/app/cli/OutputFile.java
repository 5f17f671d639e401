package io.dgas.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file a command writes, named by one of its options: checked before any work, so a long run (a backtest) never
 * ends on "cannot write" with its result lost, and written whole or not at all.
 */
public final class OutputFile {
    private OutputFile() {}

    /** What writes the file's content. */
    @FunctionalInterface
    public interface Content<T> {
        T write(Writer w) throws IOException;
    }

    /**
     * {@code file} when it can be written: its directory exists and is writable and it is not a directory itself.
     *
     * @throws BadArgumentException naming {@code option} and the path otherwise
     */
    public static Path check(String option, Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        String problem = Files.isDirectory(abs)
                ? file + " is a directory"
                : dir == null || !Files.isDirectory(dir)
                        ? "directory " + dir + " does not exist"
                        : !Files.isWritable(dir) ? "directory " + dir + " is not writable" : null;
        if (problem != null) {
            throw new BadArgumentException(option, file.toString(), option + ": " + problem);
        }
        return abs;
    }

    /** What writes the file's bytes. */
    @FunctionalInterface
    public interface Bytes {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} beside {@code file} and renames it over the file: a failure part way leaves no
     * half-written file and an existing one as it was.
     */
    public static <T> T write(String option, Path file, Content<T> content) {
        List<T> result = new ArrayList<>(1);
        writeBytes(option, file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            result.add(content.write(w));
            w.flush();
        });
        return result.get(0);
    }

    /** {@link #write} of bytes (a PDF). */
    public static void writeBytes(String option, Path file, Bytes content) {
        Path abs = check(option, file);
        Path part = null;
        try {
            // named for this process (not a temporary file's owner-only mode): the result gets the usual permissions
            part = abs.resolveSibling(
                    "." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                content.write(out);
            }
            Files.move(part, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // the rename took it, or the directory went away: nothing left to clean
                }
            }
        }
    }
}
