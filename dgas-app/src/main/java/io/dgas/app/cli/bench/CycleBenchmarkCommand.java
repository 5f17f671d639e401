package io.dgas.app.cli.bench;

import io.dgas.app.bench.CycleBenchmark;
import io.dgas.app.bench.SteadyCycleBenchmark;
import io.dgas.app.cli.*;
import io.dgas.app.config.ConfigKeys;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark cycle}: the {@link CycleBenchmark} per universe size, its figures printed. */
@Command(name = "cycle", description = "Prediction-cycle stage times and peak heap on synthetic data.")
public final class CycleBenchmarkCommand extends BaseCommand {
    @Option(
            names = "--symbols",
            split = ",",
            description = "universe sizes (100,1000; with --steady 1000,5000, the sizes issue 15 judges)")
    List<Integer> sizes;

    @Option(names = "--bars", description = "1h bars per symbol (default 1000; with --steady 400)")
    Integer bars;

    @Option(
            names = "--steady",
            description = "the warm cycle after one new bar per series, against a full recompute in the same run")
    boolean steady;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "with --steady: measured warm cycles per size, the median reported (default 5)")
    int rounds;

    @Option(
            names = "--warmup",
            defaultValue = "30",
            description = "with --steady: unmeasured warm cycles of one new bar each before the measured ones, so"
                    + " the per-series code is compiled (default 30)")
    int warmup;

    @Override
    public Integer call() {
        if (rounds < 1 || rounds > 1000) {
            throw new BadArgumentException("--rounds must be between 1 and 1,000");
        }
        if (warmup < 0 || warmup > 1000) {
            throw new BadArgumentException("--warmup must be between 0 and 1,000");
        }
        int workers = config().intValue(ConfigKeys.WORKERS);
        int bars = this.bars != null ? this.bars : steady ? 400 : 1000;
        List<Map<String, Object>> results = steady
                ? new SteadyCycleBenchmark(context().database(), workers, rounds, warmup, out()::info)
                        .run(sizes == null ? List.of(1000, 5000) : sizes, bars)
                : new CycleBenchmark(context().database(), workers, out()::info)
                        .run(sizes == null ? List.of(100, 1000) : sizes, bars);
        out().result(results, () -> {
            for (int i = 0; i < results.size(); i++) {
                if (i > 0) {
                    out().line("");
                }
                out().fields(results.get(i));
            }
        });
        return ExitCodes.OK;
    }
}
