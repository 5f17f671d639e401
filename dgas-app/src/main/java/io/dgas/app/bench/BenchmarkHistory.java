package io.dgas.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.app.service.BadInputException;
import io.dgas.store.Database;
import io.dgas.store.bench.BenchmarkRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The standard benchmark set, run, stored and compared ({@code dgas benchmark run-standard|run|report|compare}):
 * each benchmark at a size that runs in seconds (engine: 10,000 bars, 5 rounds; ledger: 200 positions, 5,000
 * executions; cycle: 100 symbols × 300 bars), its figures stored as JSON with the version and host, so a later build
 * or another machine can be compared figure by figure. The figures keep the baselines each benchmark measures in the
 * same run; a comparison across runs is only as fair as the machines were alike, which the stored host says.
 */
public final class BenchmarkHistory {
    /** The standard set, in the order it runs. */
    public static final List<String> STANDARD = List.of("engine", "ledger", "cycle");

    private final Database db;
    private final Clock clock;
    private final int workers;
    private final Consumer<String> info;

    public BenchmarkHistory(Database db, Clock clock, int workers, Consumer<String> info) {
        this.db = db;
        this.clock = clock;
        this.workers = workers;
        this.info = info;
    }

    /** A stored run with its results' numeric figures, flattened to dotted names ({@code 0.total_ms}). */
    public record Stored(BenchmarkRepository.Run run, Map<String, Map<String, Double>> figures) {}

    /** One figure of two runs: {@code ratio} is b / a (NaN when a is 0). */
    public record Row(String benchmark, String figure, double a, double b, double ratio) {}

    /**
     * Runs {@code names} (of {@link #STANDARD}) in order and stores them as one run ({@code standard} when they are
     * the whole set).
     *
     * @throws BadInputException naming an unknown benchmark
     */
    public Stored run(List<String> names) {
        for (String n : names) {
            if (!STANDARD.contains(n)) {
                throw new BadInputException(
                        "name",
                        n,
                        "unknown benchmark '" + n + "' (accepted: " + String.join(", ", STANDARD) + ")",
                        STANDARD);
            }
        }
        List<BenchmarkRepository.Result> results = new ArrayList<>();
        for (String n : names) {
            info.accept("running " + n + " ...");
            long start = System.nanoTime();
            Object figures = measure(n);
            results.add(new BenchmarkRepository.Result(n, json(figures), (System.nanoTime() - start) / 1e9));
        }
        String version = BenchmarkHistory.class.getPackage().getImplementationVersion();
        BenchmarkRepository.Run run = new BenchmarkRepository(db)
                .save(
                        names.equals(STANDARD) ? "standard" : "single",
                        version == null ? "dev" : version,
                        host(),
                        clock.instant(),
                        results);
        return stored(run);
    }

    private Object measure(String name) {
        return switch (name) {
            case "engine" -> EngineBenchmark.run(10_000, 5, 200).figures();
            case "ledger" -> new LedgerBenchmark(db, info).run(200, 5_000, 100, 100);
            default -> new CycleBenchmark(db, workers, info).run(List.of(100), 300);
        };
    }

    /** The run {@code id}, or the newest when null. */
    public Stored report(Long id) {
        BenchmarkRepository repo = new BenchmarkRepository(db);
        BenchmarkRepository.Run run = id == null
                ? repo.runs(1).stream()
                        .findFirst()
                        .orElseThrow(() -> new BadInputException(
                                "run", "", "no stored benchmark run yet", List.of("dgas benchmark run-standard first")))
                : repo.run(id).orElseThrow(() -> unknown(id));
        return stored(run);
    }

    /** Every numeric figure both runs have, of the benchmarks both ran. */
    public List<Row> compare(long a, long b) {
        Stored x = report(a);
        Stored y = report(b);
        List<Row> rows = new ArrayList<>();
        x.figures().forEach((bench, fa) -> {
            Map<String, Double> fb = y.figures().get(bench);
            if (fb != null) {
                fa.forEach((name, va) -> {
                    Double vb = fb.get(name);
                    if (vb != null) {
                        rows.add(new Row(bench, name, va, vb, va == 0 ? Double.NaN : vb / va));
                    }
                });
            }
        });
        return rows;
    }

    private Stored stored(BenchmarkRepository.Run run) {
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        for (BenchmarkRepository.Result r : new BenchmarkRepository(db).results(run.id())) {
            Map<String, Double> flat = new LinkedHashMap<>();
            try {
                flatten("", Json.MAPPER.readTree(r.figures()), flat);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable stored benchmark figures of run " + run.id(), e);
            }
            flat.put("seconds", r.seconds());
            figures.put(r.name(), flat);
        }
        return new Stored(run, figures);
    }

    /** The numeric leaves of {@code n} under dotted names; an array's elements by index. */
    static void flatten(String prefix, JsonNode n, Map<String, Double> out) {
        if (n.isNumber()) {
            out.put(prefix, n.asDouble());
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i, n.get(i), out);
            }
        }
    }

    private static BadInputException unknown(long id) {
        return new BadInputException("run", Long.toString(id), "no benchmark run " + id, List.of("a stored run id"));
    }

    private static String json(Object o) {
        try {
            return Json.SNAKE.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark figures not serialisable", e);
        }
    }

    /** The machine: its processor and core count (OSHI), for a reader of two runs to judge the comparison. */
    private static String host() {
        var cpu = new oshi.SystemInfo().getHardware().getProcessor();
        return cpu.getProcessorIdentifier().getName().trim() + ", " + cpu.getLogicalProcessorCount() + " cores";
    }
}
