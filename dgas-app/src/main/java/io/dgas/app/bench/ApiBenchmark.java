package io.dgas.app.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.service.MarketDataService;
import io.dgas.app.service.SignalsService;
import io.dgas.app.web.WebServer;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.L2;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.cache.RegionStats;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.migrate.Migrator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * {@code dgas benchmark api}: the market page's requests (analysis, bars and signals of one symbol) sent over HTTP to
 * the real {@link WebServer}, started in this process on a free port, for symbols drawn by a Zipfian law at several
 * client counts, once with the caches on and once with them off, in one run; with the caches on also as a browser
 * revalidates its copies ({@code If-None-Match}, 304 when unchanged). The same run measures the baselines:
 * the raw bar query on a bare pool at the same client counts, and the analysis computed in process (its reads served
 * from memory). A fresh database on the current server holds the synthetic data and is dropped afterwards.
 */
public final class ApiBenchmark {
    /**
     * What one run measures: {@code requests} per cached measurement (at 20,000 a second a few thousand are over in a
     * fraction of a second, short enough for a collection or a compilation to weigh on the figures), a tenth of it per
     * uncached one and per baseline, where a request costs milliseconds (a third of the uncached requests are the
     * analysis, whose p95 the goal judges: a thousand of them at the default).
     */
    public record Settings(List<Integer> clients, int symbols, int bars, int last, int requests) {
        int uncachedRequests() {
            return Math.max(150, requests / 10);
        }

        int baselineRequests() {
            return Math.max(200, requests / 10);
        }
    }

    private final Database main;
    private final DgasConfig config;
    private final Consumer<String> info;

    /**
     * @param main the server's database; the fresh database is created beside it
     * @param config this process's configuration (the servers take it with their database and cache switch changed)
     * @param info hears what the benchmark is doing
     */
    public ApiBenchmark(Database main, DgasConfig config, Consumer<String> info) {
        this.main = main;
        this.config = config;
        this.info = info;
    }

    /** {@code {results: [row], analysis_in_process: {…}, goals: {…}}}; a row as {@link LoadRun#row}. */
    public Map<String, Object> run(Settings s) {
        String name = "dgas_abench_" + ProcessHandle.current().pid();
        main.update("bench.create-db", "CREATE DATABASE " + name, SqlSession.Binder.NONE);
        Logger requests = (Logger) LoggerFactory.getLogger("io.dgas.http");
        Level level = requests.getLevel();
        requests.setLevel(Level.WARN); // one log line per request would measure the terminal
        try {
            DatabaseSettings db = main.settings();
            DatabaseSettings bench = db.withUrl(IngestBenchmark.urlFor(db.url(), name), db.user(), db.password());
            seed(bench, s);
            List<String> tickers = IntStream.range(0, s.symbols())
                    .mapToObj(SyntheticBars::ticker)
                    .toList();
            LoadRun load = new LoadRun(tickers, s.last(), info);
            List<Map<String, Object>> results = new ArrayList<>();
            Map<String, Object> analysis;
            try (Database bare = Database.open(bench, StatementObserver.NONE)) {
                BarRepository raw = new BarRepository(bare);
                for (int c : s.clients()) {
                    results.add(load.raw(raw, c, s.baselineRequests()));
                }
                analysis = analysisInProcess(bare, tickers, s.last());
                AnalysisService inProcess = uncachedAnalysis(bare);
                for (int c : s.clients()) {
                    results.add(load.inProcess(
                            t -> inProcess.analyze(t, Timeframe.H1, s.last(), Timeframe.H4), c, s.baselineRequests()));
                }
            }
            for (boolean cached : new boolean[] {false, true}) {
                try (AppContext ctx = new AppContext(serverConfig(bench, cached), Clock.systemUTC());
                        WebServer server = WebServer.start(
                                ctx, "127.0.0.1", 0, UUID.randomUUID().toString())) {
                    for (int c : s.clients()) {
                        results.add(load.http(
                                server.port(),
                                cached ? ctx.cache() : null,
                                c,
                                cached ? s.requests() : s.uncachedRequests(),
                                false));
                    }
                    if (cached) {
                        for (int c : s.clients()) {
                            results.add(load.http(server.port(), ctx.cache(), c, s.requests(), true));
                        }
                    }
                }
            }
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("results", results);
            model.put("analysis_in_process", analysis);
            model.put("goals", ApiGoals.judge(results, (double) analysis.get("p95_ms")));
            return model;
        } finally {
            requests.setLevel(level);
            main.update("bench.drop-db", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", SqlSession.Binder.NONE);
        }
    }

    private void seed(DatabaseSettings bench, Settings s) {
        try (Database db = Database.open(bench, StatementObserver.NONE)) {
            new Migrator(db).migrate();
            info.accept("seeding " + s.symbols() + " symbols x " + s.bars() + " 1h bars (4h aggregated) ...");
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(
                            "synthetic",
                            new SyntheticBars(s.symbols(), s.bars(), Timeframe.H1, Instant.now(), 5),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));
            new BarRollup(db, IngestListener.NONE)
                    .fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
            // settle the freshly loaded tables (visibility map, statistics, dirty pages), as on a live database
            db.update("bench.vacuum", "VACUUM ANALYZE", SqlSession.Binder.NONE);
            db.update("bench.checkpoint", "CHECKPOINT", SqlSession.Binder.NONE);
        }
    }

    /** This process's configuration on the bench database, caches on or off, no Redis, no background health. */
    private DgasConfig serverConfig(DatabaseSettings bench, boolean cached) {
        Map<String, String> flags = new HashMap<>();
        flags.put(ConfigKeys.DB_URL, bench.url());
        if (bench.user() != null) {
            flags.put(ConfigKeys.DB_USER, bench.user());
        }
        if (bench.password() != null) {
            flags.put(ConfigKeys.DB_PASSWORD, bench.password());
        }
        flags.put(ConfigKeys.CACHE_ENABLED, Boolean.toString(cached));
        flags.put(ConfigKeys.REDIS_ENABLED, "false");
        flags.put(ConfigKeys.HEALTH_ENABLED, "false");
        return new ConfigLoader(Map.of("DGAS_HOME", config.home().toString()), config.home())
                .load(null, flags, Map.of());
    }

    /**
     * The analysis endpoint's work in process, one thread: its reads come from a query cache filled beforehand, its
     * calculations are not cached, so what is timed is the computing alone. Percentiles over every symbol, five rounds.
     */
    private static Map<String, Object> analysisInProcess(Database db, List<String> tickers, int last) {
        AnalysisService analysis = uncachedAnalysis(db);
        tickers.forEach(t -> analysis.analyze(t, Timeframe.H1, last, Timeframe.H4)); // fills the reads, warms the JIT
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int round = 0; round < 5; round++) {
            for (String t : tickers) {
                long t0 = System.nanoTime();
                analysis.analyze(t, Timeframe.H1, last, Timeframe.H4);
                h.recordValue(System.nanoTime() - t0);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bars", last);
        m.put("calls", h.getTotalCount());
        m.put("p50_ms", LoadRun.ms(h.getValueAtPercentile(50)));
        m.put("p95_ms", LoadRun.ms(h.getValueAtPercentile(95)));
        m.put("p99_ms", LoadRun.ms(h.getValueAtPercentile(99)));
        return m;
    }

    /**
     * The analysis service with its reads served from a query cache of its own (filled by the first call for a
     * symbol) and no calculation or answer cached: what a call then costs is the computing alone.
     */
    private static AnalysisService uncachedAnalysis(Database db) {
        QueryCache memory = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), L2.NONE);
        return new AnalysisService(
                new MarketDataService(db, memory),
                new SignalsService(db, memory),
                CalculationCache.none(),
                io.dgas.calc.drummond.MtfParams.defaults(),
                io.dgas.calc.drummond.SignalParams.defaults(),
                QueryCache.NONE);
    }

    /** Hits and lookups summed over the regions of {@code cache}. */
    static long[] hitsAndLookups(QueryCache cache) {
        long hits = 0;
        long lookups = 0;
        for (RegionStats r : cache.stats()) {
            hits += r.hits();
            lookups += r.hits() + r.misses();
        }
        return new long[] {hits, lookups};
    }
}
