package io.dgas.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    /**
     * Writes {@code content} beside {@code file} and renames it over the file: a failure part way leaves no
     * half-written file and an existing one as it was.
     */
    public static <T> T write(String option, Path file, Content<T> content) {
        Path abs = check(option, file);
        Path part = null;
        try {
            part = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".part");
            T result;
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                result = content.write(w);
            }
            Files.move(part, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return result;
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
