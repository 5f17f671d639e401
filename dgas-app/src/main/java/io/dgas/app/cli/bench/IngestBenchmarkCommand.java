package io.dgas.app.cli.bench;

import io.dgas.app.bench.IngestBenchmark;
import io.dgas.app.cli.*;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark ingest}: the {@link IngestBenchmark}, its figures printed. */
@Command(name = "ingest", description = "dgas ingest vs psql \\copy on a generated bars file, in a fresh database.")
public final class IngestBenchmarkCommand extends BaseCommand {
    @Option(names = "--rows", defaultValue = "1000000", description = "rows to generate (default 1,000,000)")
    long rows;

    @Option(names = "--dir", description = "where to write the CSV (default: a temporary directory)")
    Path dir;

    @Option(names = "--keep", description = "keep the generated CSV")
    boolean keep;

    @Option(
            names = "--monitor-overhead",
            description = "also ingest twice more into fresh databases, query monitor"
                    + " and pool metrics off then on, and report the overhead")
    boolean monitorOverhead;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > 100_000_000) {
            throw new BadArgumentException("--rows must be between 1 and 100,000,000");
        }
        ProgressLine progress = new ProgressLine(out());
        Map<String, Object> model;
        try {
            model = new IngestBenchmark(context().database(), out()::info, progress)
                    .run(rows, dir, keep, monitorOverhead);
        } finally {
            progress.done();
        }
        out().result(model, () -> out().fields(model));
        return ExitCodes.OK;
    }
}
