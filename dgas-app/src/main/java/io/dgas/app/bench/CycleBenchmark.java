package io.dgas.app.bench;

import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.migrate.Migrator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code dgas benchmark cycle}: the prediction cycle on a fresh database of deterministic synthetic data (1h bars, 4h
 * aggregated from them, ending at the fixed {@link #SEED_END} and analysed as of then), per universe size, with the pure in-memory analysis of the same bars measured in the same
 * run as the baseline, and the peak heap.
 */
public final class CycleBenchmark {
    private final Database main;
    private final int workers;
    private final Consumer<String> info;

    /**
     * @param main the server's database; a fresh database per size is created beside it and dropped afterwards
     * @param workers analysis threads of the measured cycle
     * @param info hears what the benchmark is doing
     */
    public CycleBenchmark(Database main, int workers, Consumer<String> info) {
        this.main = main;
        this.workers = workers;
        this.info = info;
    }

    /** One row of figures per universe size in {@code sizes}, each over {@code bars} 1h bars per symbol. */
    public List<Map<String, Object>> run(List<Integer> sizes, int bars) {
        return perFreshDatabase(main, "dgas_cbench_", sizes, (db, n) -> measure(db, n, bars));
    }

    /** {@code measure} once per size, each on a fresh database created beside {@code main} and dropped afterwards. */
    static List<Map<String, Object>> perFreshDatabase(
            Database main,
            String prefix,
            List<Integer> sizes,
            java.util.function.BiFunction<Database, Integer, Map<String, Object>> measure) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int n : sizes) {
            String name = prefix + ProcessHandle.current().pid() + "_" + n;
            main.update("bench.create-db", "CREATE DATABASE " + name, SqlSession.Binder.NONE);
            try {
                DatabaseSettings s = main.settings();
                try (Database db = Database.open(
                        s.withUrl(IngestBenchmark.urlFor(s.url(), name), s.user(), s.password()),
                        StatementObserver.NONE)) {
                    results.add(measure.apply(db, n));
                }
            } finally {
                main.update(
                        "bench.drop-db", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", SqlSession.Binder.NONE);
            }
        }
        return results;
    }

    /**
     * Where the synthetic seeds end: a fixed instant, so every run analyses the same bars. (They used to end at the
     * current hour, so the 4h buckets rolled up from them, and the figures, changed with the hour of the run.)
     */
    static final Instant SEED_END = Instant.parse("2026-06-01T18:00:00Z");

    /** A clock that reads {@link #SEED_END} now and runs on from it: the time the measured cycles analyse at. */
    static Clock seedClock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), SEED_END));
    }

    /**
     * Migrates {@code db} and seeds {@code n} synthetic symbols with {@code bars} 1h bars up to {@link #SEED_END}, 4h
     * rolled up; returns {@link #SEED_END}.
     */
    static Instant seed(Database db, int n, int bars, Consumer<String> info) {
        new Migrator(db).migrate();
        Instant now = SEED_END;
        info.accept("seeding " + n + " symbols x " + bars + " 1h bars ...");
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "synthetic",
                        new SyntheticBars(n, bars, Timeframe.H1, now, 11),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        new BarRollup(db, IngestListener.NONE).fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
        db.update("bench.analyze", "ANALYZE", SqlSession.Binder.NONE);
        return now;
    }

    private Map<String, Object> measure(Database db, int n, int bars) {
        Instant now = seed(db, n, bars, info);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
            PredictionCycle cycle = new PredictionCycle(
                    db, analyzer, pool, 10, seedClock(), "bench", new SimpleMeterRegistry(), r -> r);
            CycleRequest request = new CycleRequest(null, Timeframe.H4, Timeframe.H1, bars, Duration.ofDays(1));
            cycle.run(request); // warm-up: JIT and the server's caches
            resetPeaks();
            CycleResult r = cycle.run(request);
            long peak = IngestBenchmark.peakHeapMb();
            double baseline = pureAnalysisMs(db, analyzer, n, request, now);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbols", n);
            m.put("bars_per_symbol", bars);
            m.put("workers", workers);
            m.put("total_ms", Math.round(r.run().durationMs()));
            m.put("load_ms_summed", Math.round(r.run().loadMs()));
            m.put("analyse_ms_summed", Math.round(r.run().analyseMs()));
            m.put("persist_ms", Math.round(r.run().persistMs()));
            m.put("alerts_ms", Math.round(r.run().alertsMs()));
            m.put("signals", r.signals().size());
            m.put("pure_analysis_ms_one_thread", Math.round(baseline));
            m.put(
                    "total_over_pure_analysis",
                    String.format(Locale.ROOT, "%.2f", r.run().durationMs() / baseline));
            m.put("peak_heap_mb", peak);
            return m;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The same analysis on bars already in memory, one thread: what the cycle costs beyond computing. Bars are loaded
     * 100 symbols at a time (outside the clock) so that the baseline itself stays within a small heap.
     */
    private static double pureAnalysisMs(Database db, SymbolAnalyzer analyzer, int n, CycleRequest r, Instant now) {
        List<String> symbols =
                IntStream.range(0, n).mapToObj(SyntheticBars::ticker).toList();
        BarRepository repo = new BarRepository(db);
        long nanos = 0;
        for (int from = 0; from < n; from += 100) {
            List<String> batch = symbols.subList(from, Math.min(n, from + 100));
            Map<String, BarColumns> trading = repo.lastForSymbols(batch, r.trading(), r.lookback());
            Map<String, BarColumns> higher = repo.lastForSymbols(batch, r.htf(), r.lookback());
            long start = System.nanoTime();
            for (String s : batch) {
                analyzer.analyze(s, trading.get(s), higher.get(s), r.htf(), now, r.staleAfter());
            }
            nanos += System.nanoTime() - start;
        }
        return nanos / 1e6;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }
}
