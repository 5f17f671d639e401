package io.dgas.app.cli;

import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.cache.CachedReads;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.L2;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.cache.RegionStats;
import io.dgas.store.calccache.CaffeineCalculationCache;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.migrate.Migrator;
import io.dgas.store.monitor.LatencyWindow;
import io.dgas.store.runs.RunRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas benchmark api}: the dashboard's "last 1,000 bars + analysis" read for a universe of symbols chosen with a
 * Zipfian law (a few symbols are asked for far more often than the rest, as on a real dashboard), at several client
 * counts, with the caches on and off in the same run, plus the raw bar query alone as the baseline.
 */
@Command(name = "api", description = "Dashboard read (last bars + analysis) under a Zipfian load, caches on and off.")
final class ApiBenchmarkCommand extends BaseCommand {
    @Option(names = "--clients", split = ",", defaultValue = "1,8,32", description = "concurrent clients (1,8,32)")
    List<Integer> clients;

    @Option(names = "--symbols", defaultValue = "100", description = "universe size (100)")
    int symbols;

    @Option(names = "--bars", defaultValue = "1000", description = "bars per read (1000)")
    int bars;

    @Option(names = "--requests", defaultValue = "3000", description = "requests per cached measurement (3000)")
    int requests;

    @Override
    public Integer call() {
        Database main = context().database();
        String name = "dgas_abench_" + ProcessHandle.current().pid();
        main.update("bench.create-db", "CREATE DATABASE " + name, SqlSession.Binder.NONE);
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            DatabaseSettings s = main.settings();
            DatabaseSettings pool10 = new DatabaseSettings(
                    IngestBenchmarkCommand.urlFor(s.url(), name),
                    s.user(),
                    s.password(),
                    5,
                    5,
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    true);
            try (Database db = Database.open(pool10, StatementObserver.NONE)) {
                new Migrator(db).migrate();
                out().info("seeding " + symbols + " symbols x " + bars + " 1h bars ...");
                new BarIngestor(db, IngestListener.NONE)
                        .ingest(
                                "synthetic",
                                new SyntheticBars(symbols, bars, Timeframe.H1, Instant.now(), 5),
                                null,
                                IngestOptions.defaults().withCreateSymbols(true));
                // settle the freshly loaded tables first (visibility map, statistics, dirty pages), as a live database
                // is
                db.update("bench.vacuum", "VACUUM ANALYZE", SqlSession.Binder.NONE);
                db.update("bench.checkpoint", "CHECKPOINT", SqlSession.Binder.NONE);
                List<String> tickers = IntStream.range(0, symbols)
                        .mapToObj(SyntheticBars::ticker)
                        .toList();
                double[] zipf = zipf(symbols);
                BarRepository repo = new BarRepository(db);
                for (int c : clients) {
                    results.add(measure(
                            "raw query",
                            c,
                            Math.max(200, requests / 5),
                            zipf,
                            k -> repo.last(tickers.get(k), Timeframe.H1, bars),
                            null));
                    results.add(measure(
                            "uncached read + analysis",
                            c,
                            Math.max(200, requests / 5),
                            zipf,
                            reader(repo, db, QueryCache.NONE, CalculationCache.none(), tickers),
                            null));
                    CaffeineQueryCache cache =
                            new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), L2.NONE);
                    results.add(measure(
                            "cached read + analysis",
                            c,
                            requests,
                            zipf,
                            reader(repo, db, cache, new CaffeineCalculationCache(), tickers),
                            cache));
                }
            }
        } finally {
            main.update("bench.drop-db", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", SqlSession.Binder.NONE);
        }
        out().result(
                        results,
                        () -> out().table(
                                        List.of(
                                                "read",
                                                "clients",
                                                "requests",
                                                "p50 ms",
                                                "p95 ms",
                                                "p99 ms",
                                                "req/s",
                                                "hit rate"),
                                        results.stream()
                                                .map(r -> List.of(
                                                        String.valueOf(r.get("read")),
                                                        String.valueOf(r.get("clients")),
                                                        String.valueOf(r.get("requests")),
                                                        String.valueOf(r.get("p50_ms")),
                                                        String.valueOf(r.get("p95_ms")),
                                                        String.valueOf(r.get("p99_ms")),
                                                        String.valueOf(r.get("requests_per_s")),
                                                        String.valueOf(r.get("hit_rate"))))
                                                .toList()));
        return ExitCodes.OK;
    }

    private static IntConsumer reader(
            BarRepository repo, Database db, QueryCache cache, CalculationCache calc, List<String> tickers) {
        CachedReads reads = new CachedReads(repo, new RunRepository(db), cache);
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults(), calc);
        return k -> {
            BarColumns c = reads.lastBars(tickers.get(k), Timeframe.H1, 1000);
            analyzer.analysis(SymbolAnalyzer.series(c));
        };
    }

    private Map<String, Object> measure(
            String label, int clients, int total, double[] zipf, IntConsumer read, CaffeineQueryCache cache) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] nanos = new long[total];
        try {
            // steady state: every symbol read once (JIT warm, caches filled) before the clock starts
            for (int k = 0; k < zipf.length; k++) {
                read.accept(k);
            }
            long hits0 = hits(cache);
            long lookups0 = lookups(cache);
            long start = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                fs.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(100 + client);
                    for (int i = client; i < total; i += clients) {
                        int k = pick(zipf, r.nextDouble());
                        long t0 = System.nanoTime();
                        read.accept(k);
                        nanos[i] = System.nanoTime() - t0;
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("read", label);
            m.put("clients", clients);
            m.put("requests", total);
            m.put("p50_ms", ms(LatencyWindow.percentile(nanos, 50)));
            m.put("p95_ms", ms(LatencyWindow.percentile(nanos, 95)));
            m.put("p99_ms", ms(LatencyWindow.percentile(nanos, 99)));
            m.put("requests_per_s", Math.round(total / seconds));
            long lookups = lookups(cache) - lookups0;
            m.put(
                    "hit_rate",
                    cache == null
                            ? "-"
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "%.3f",
                                    lookups == 0 ? 0 : (double) (hits(cache) - hits0) / lookups));
            out().info(m.toString());
            return m;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark client failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cumulative Zipf (s = 1) probabilities over ranks 1..n. */
    static double[] zipf(int n) {
        double[] cum = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / k;
            cum[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cum[k] /= sum;
        }
        return cum;
    }

    static int pick(double[] cum, double u) {
        int i = Arrays.binarySearch(cum, u);
        return Math.min(cum.length - 1, i >= 0 ? i : -i - 1);
    }

    private static long hits(CaffeineQueryCache c) {
        return c == null ? 0 : c.stats().stream().mapToLong(RegionStats::hits).sum();
    }

    private static long lookups(CaffeineQueryCache c) {
        return c == null
                ? 0
                : c.stats().stream().mapToLong(r -> r.hits() + r.misses()).sum();
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
