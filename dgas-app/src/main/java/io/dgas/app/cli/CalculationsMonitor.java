package io.dgas.app.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dgas.app.Json;
import io.dgas.calc.cache.CalculationProfiler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas monitor calculations}: the calculation profiler of a running {@code dgas serve} (count, mean and p95
 * time per calculation type, cache hits and misses).
 */
@Command(name = "calculations", description = "Time per calculation type and calculation-cache hits (of 'dgas serve').")
public final class CalculationsMonitor extends CacheCommand.Remote {
    @Option(names = "--cache-stats", description = "show cache hits, misses and hit ratio")
    boolean cacheStats;

    @Option(names = "--hot-functions", description = "order by total time spent, highest first")
    boolean hot;

    @Override
    public Integer call() throws IOException {
        List<CalculationProfiler.Snapshot> list = new ArrayList<>(Json.MAPPER.readValue(
                get("/api/monitor/calculations"), new TypeReference<List<CalculationProfiler.Snapshot>>() {}));
        if (hot) {
            list.sort(Comparator.comparingDouble((CalculationProfiler.Snapshot s) -> s.count() * s.meanNanos())
                    .reversed());
        }
        List<String> headers = new ArrayList<>(List.of("calculation", "count", "mean µs", "p95 µs", "total ms"));
        if (cacheStats) {
            headers.addAll(List.of("hits", "misses", "hit %"));
        }
        out().result(
                        list,
                        () -> out().table(
                                        headers,
                                        list.stream()
                                                .map(s -> {
                                                    List<String> row = new ArrayList<>(List.of(
                                                            s.calculation(),
                                                            Long.toString(s.count()),
                                                            f(s.meanNanos() / 1e3),
                                                            f(s.p95Nanos() / 1e3),
                                                            f(s.count() * s.meanNanos() / 1e6)));
                                                    if (cacheStats) {
                                                        row.addAll(List.of(
                                                                Long.toString(s.hits()),
                                                                Long.toString(s.misses()),
                                                                f(100 * s.hitRatio())));
                                                    }
                                                    return row;
                                                })
                                                .toList()));
        return ExitCodes.OK;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
