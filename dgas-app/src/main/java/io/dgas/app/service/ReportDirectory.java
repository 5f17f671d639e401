package io.dgas.app.service;

import io.dgas.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory of report files (drummond.md §8) written all or none: a bad target is found before anything is written,
 * and the files go into place only when every one of them was written, so a failure never leaves a mix of new and old
 * files or some of the set missing.
 */
public final class ReportDirectory {
    private static final List<String> ACCEPTED = List.of("a writable directory, or a path where one can be made");

    private ReportDirectory() {}

    /**
     * Writes {@code files} (name to content, UTF-8) into {@code dir}, made when missing, replacing files of those names.
     *
     * @param option the option that named {@code dir} ({@code --out}), for the messages
     * @return the files written, in the order of {@code files}
     * @throws BadInputException naming {@code option} and the path when {@code dir} is a file or cannot be made or
     *     written in, or a file's place in it is taken by a directory; nothing is written then
     * @throws UncheckedIOException when writing fails otherwise (a full disk); no file of {@code dir} changed then
     */
    public static List<Path> write(String option, Path dir, Map<String, String> files) {
        check(option, dir, files.keySet());
        // the parts are written inside dir, not beside it: the same file system, so each move is a rename, and only dir
        // need be writable
        Path parts;
        try {
            parts = Files.createTempDirectory(dir, ".dgas-report-");
        } catch (IOException e) {
            throw bad(
                    option,
                    dir,
                    option + " " + Printable.of(dir.toString()) + ": cannot write in it (" + reason(e) + ")");
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path part = parts.resolve(f.getKey());
                try {
                    Files.writeString(part, f.getValue(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot write " + dir.resolve(f.getKey()) + " (" + reason(e) + "); nothing of " + dir
                                    + " changed",
                            e);
                }
            }
            List<Path> written = new ArrayList<>();
            for (String name : files.keySet()) {
                Path target = dir.resolve(name);
                try {
                    Files.move(parts.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot move " + target + " into place (" + reason(e) + "); " + written.size() + " of "
                                    + files.size() + " files were",
                            e);
                }
                written.add(target);
            }
            return written;
        } finally {
            deleteQuietly(parts);
        }
    }

    /** Refuses a target that cannot take the files, before any is written; makes {@code dir} when missing. */
    private static void check(String option, Path dir, Iterable<String> names) {
        String shown = Printable.of(dir.toString());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw bad(option, dir, option + " " + shown + " is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw bad(option, dir, option + " " + shown + ": cannot make the directory (" + reason(e) + ")");
        }
        if (!Files.isWritable(dir)) {
            throw bad(option, dir, option + " " + shown + ": the directory is not writable");
        }
        for (String name : names) {
            Path target = dir.resolve(name);
            if (Files.isDirectory(target)) {
                throw bad(
                        option,
                        dir,
                        option + " " + shown + ": cannot write " + Printable.of(target.toString())
                                + ": a directory is in its place");
            }
        }
    }

    private static BadInputException bad(String option, Path dir, String message) {
        return new BadInputException(option, dir.toString(), message, ACCEPTED);
    }

    /** The operating system's words for {@code e} ("Not a directory", "Permission denied"), else its type. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException x) { // a file where a directory of the path goes
            return Printable.of(x.getFile()) + " is a file";
        }
        String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return r != null ? r : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path tree) {
        try (Stream<Path> all = Files.walk(tree)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // gone already, or the directory went away: a leftover hidden part directory is harmless
        }
    }
}
