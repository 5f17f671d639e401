package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.app.news.NewsReport;
import io.dgas.app.news.NewsService;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dgas ingest news FILE.csv…}: a thin adapter over {@link NewsService#load}. */
@Command(
        name = "news",
        description = "Load news CSV files (symbol,published_at,source,url,headline,sentiment; sentiment -1..1)."
                + " Each file is all-or-nothing; a url stored already is skipped.")
final class IngestNewsCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV files")
    List<Path> files;

    @Override
    public Integer call() {
        NewsService news = context().news();
        List<NewsReport> reports = new ArrayList<>();
        for (Path f : files) {
            try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                reports.add(news.load(f.toString(), in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        out().result(
                        reports,
                        () -> out().table(
                                        List.of("source", "read", "inserted", "unchanged"),
                                        reports.stream()
                                                .map(r -> List.of(
                                                        r.source(),
                                                        Long.toString(r.rowsRead()),
                                                        Long.toString(r.inserted()),
                                                        Long.toString(r.unchanged())))
                                                .toList()));
        return ExitCodes.OK;
    }
}
