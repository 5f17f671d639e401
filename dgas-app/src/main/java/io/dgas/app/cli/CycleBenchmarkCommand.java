package io.dgas.app.cli;

import io.dgas.app.bench.CycleBenchmark;
import io.dgas.app.config.ConfigKeys;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark cycle}: the {@link CycleBenchmark} per universe size, its figures printed. */
@Command(name = "cycle", description = "Prediction-cycle stage times and peak heap on synthetic data.")
final class CycleBenchmarkCommand extends BaseCommand {
    @Option(names = "--symbols", split = ",", defaultValue = "100,1000", description = "universe sizes (100,1000)")
    List<Integer> sizes;

    @Option(names = "--bars", defaultValue = "1000", description = "1h bars per symbol (default 1000)")
    int bars;

    @Override
    public Integer call() {
        List<Map<String, Object>> results = new CycleBenchmark(
                        context().database(), config().intValue(ConfigKeys.WORKERS), out()::info)
                .run(sizes, bars);
        out().result(results, () -> results.forEach(r -> out().line(r.toString())));
        return ExitCodes.OK;
    }
}
