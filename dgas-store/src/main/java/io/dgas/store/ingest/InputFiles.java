package io.dgas.store.ingest;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens an input file as strict UTF-8 for an ingestor, with the rejects file beside it unless options name one. */
final class InputFiles {
    private InputFiles() {}

    /** Loads a stream named {@code source}, writing rejects to {@code rejects}. */
    @FunctionalInterface
    interface Load {
        IngestReport run(String source, Reader reader, Path rejects);
    }

    /**
     * The file as strict UTF-8 text: a malformed byte fails the read instead of becoming U+FFFD.
     *
     * @throws InvalidInputException when the path is a directory (opened, its first read failed as "cannot read")
     */
    static Reader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(
                    io.dgas.Printable.of(file.toString()) + " is a directory: give the CSV files in it");
        }
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder());
    }

    static IngestReport read(Path file, IngestOptions opts, Load load) {
        Path rejects = opts.rejects() != null ? opts.rejects() : RejectsFile.besides(file);
        try (Reader r = open(file)) {
            return load.run(file.getFileName().toString(), r, rejects);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file);
        } catch (java.nio.file.FileSystemException e) { // a name too long, a directory, no permission: the user's path
            throw new InvalidInputException("cannot read " + io.dgas.Printable.of(file.toString()) + ": "
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
