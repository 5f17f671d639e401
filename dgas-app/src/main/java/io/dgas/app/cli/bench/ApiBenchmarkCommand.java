package io.dgas.app.cli.bench;

import io.dgas.app.bench.ApiBenchmark;
import io.dgas.app.cli.*;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark api}: the {@link ApiBenchmark} over HTTP, its table and goals printed. */
@Command(
        name = "api",
        description = "The market page's requests over HTTP under a Zipfian load, caches on and off, with the raw"
                + " bar query and the in-process analysis as the same-run baseline.")
public final class ApiBenchmarkCommand extends BaseCommand {
    @Option(names = "--clients", split = ",", defaultValue = "1,8,32", description = "concurrent clients (1,8,32)")
    List<Integer> clients;

    @Option(names = "--symbols", defaultValue = "100", description = "universe size (100)")
    int symbols;

    @Option(names = "--bars", defaultValue = "1000", description = "1h bars stored per symbol (1000)")
    int bars;

    @Option(names = "--last", defaultValue = "300", description = "bars per request, as the market page (300)")
    int last;

    @Option(
            names = "--requests",
            defaultValue = "30000",
            description = "requests per cached measurement (30000); a tenth per uncached one and per baseline")
    int requests;

    @Override
    public Integer call() {
        if (symbols < 1
                || bars < 10
                || last < 1
                || last > 5000
                || requests < 1
                || clients.stream().anyMatch(c -> c < 1)) {
            throw new BadArgumentException(
                    "--symbols, --bars (>= 10), --last (1..5000), --requests and --clients must" + " be positive");
        }
        Map<String, Object> model = new ApiBenchmark(context().database(), config(), out()::info)
                .run(new ApiBenchmark.Settings(clients, symbols, bars, last, requests));
        out().result(model, () -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) model.get("results");
            List<String> keys = List.of(
                    "read",
                    "clients",
                    "requests",
                    "p50_ms",
                    "p95_ms",
                    "p99_ms",
                    "analysis_p95_ms",
                    "requests_per_s",
                    "cpu_us_per_request",
                    "client_cpu_us_per_request",
                    "hit_rate",
                    "not_modified",
                    "errors");
            out().table(
                            List.of(
                                    "read",
                                    "clients",
                                    "requests",
                                    "p50 ms",
                                    "p95 ms",
                                    "p99 ms",
                                    "analysis p95",
                                    "req/s",
                                    "cpu µs/req",
                                    "client µs/req",
                                    "hit rate",
                                    "304s",
                                    "errors"),
                            rows.stream()
                                    .map(r -> keys.stream()
                                            .map(k -> String.valueOf(r.get(k)))
                                            .toList())
                                    .toList());
            out().line("in-process analysis on 1 thread (reference; the goal uses the \""
                    + "analysis in process\" row at 32): " + model.get("analysis_in_process"));
            @SuppressWarnings("unchecked")
            Map<String, Object> goals = (Map<String, Object>) model.get("goals");
            goals.forEach((k, v) -> out().line(k + ": " + v));
        });
        return ExitCodes.OK;
    }
}
