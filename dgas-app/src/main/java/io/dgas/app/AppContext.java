package io.dgas.app;

import io.dgas.app.alerts.AlertEngine;
import io.dgas.app.alerts.AlertsService;
import io.dgas.app.collect.CollectStage;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.cycle.AnalyzerPool;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.cache.CalculationProfiler;
import io.dgas.calc.cache.ProfilingCalculationCache;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.ServerStatus;
import io.dgas.store.cache.CacheInvalidation;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.calccache.CaffeineCalculationCache;
import io.dgas.store.embedded.EmbeddedServer;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.health.HealthMonitor;
import io.dgas.store.health.Thresholds;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.migrate.Migrator;
import io.dgas.store.monitor.QueryMonitor;
import io.dgas.store.replica.ReplicaRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The composition root: builds what a command needs from the configuration, lazily, and closes it in reverse.
 *
 * <p>Without {@code database.url} the embedded server is started over {@code $DGAS_HOME/pg} and migrated on first
 * use (zero setup), then its port is published in the home: while this process runs, other dgas commands on the same
 * home use its server instead of starting one (and neither migrate nor stop it). An external server is never migrated
 * implicitly: {@code dgas db migrate} (or {@code dgas demo}) does that, and until then only the commands that report or
 * migrate the schema may use it ({@link #acceptAnySchema}).
 */
public final class AppContext implements AutoCloseable {
    /** Jobs one process holds queued or running at most: more are refused (each may hold a universe's bars). */
    public static final int MAX_OPEN_JOBS = 16;

    private final DgasConfig config;
    /** The shipped exchange calendars, read on first use. */
    private io.dgas.app.stream.MarketHours marketHours;

    private final Clock clock;
    private EmbeddedServer embedded;
    private Database database;
    private boolean anySchema;
    private Telemetry telemetry;
    private HealthMonitor health;
    private io.dgas.app.jobs.JobService jobs;

    private CalculationCache calculations;
    private final CalculationProfiler profiler = new CalculationProfiler();
    private final CycleWiring cycling;
    private final AlertWiring alerting;

    public AppContext(DgasConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.cycling = new CycleWiring(this);
        this.alerting = new AlertWiring(this);
    }

    public DgasConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The database, connecting (and for the embedded server, starting and migrating) on first call. */
    public synchronized Database database() {
        if (database == null) {
            String url;
            if (config.isExternalDatabase()) {
                url = config.string(ConfigKeys.DB_URL).orElseThrow();
            } else {
                embedded = EmbeddedServer.startOrAttach(config.embeddedDataDir());
                url = embedded.jdbcUrl("postgres");
            }
            if (embedded == null) {
                Database.probe(config.databaseSettings(url), Duration.ofSeconds(5));
            }
            Database db = Database.open(
                    config.databaseSettings(url),
                    telemetry().observer(),
                    telemetry().registry());
            try {
                if (embedded != null && embedded.owner()) { // an attached server was migrated by its owner
                    new Migrator(db).migrate();
                    ServerStatus.enablePgStatStatements(db);
                    embedded.announce();
                } else if (embedded == null && !anySchema) {
                    new Migrator(db).requireCurrent();
                }
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            routeReads(db);
            database = db;
        }
        return database;
    }

    /**
     * With {@code database.replicas} set, the query caches' misses read from the replicas that are fit to serve
     * ({@link ReplicaRouter}), checked every {@code database.replica_check_interval}; their pools grow to the
     * primary's size, and a borrow waits at most 1 s before the read goes to the primary (a replica that has just
     * stopped is found by that first borrow, which HikariCP retries until its timeout).
     */
    private void routeReads(Database db) {
        java.util.List<Database> replicas = ReplicaPools.open(
                config,
                db.settings().maxPoolSize(),
                Duration.ofSeconds(1),
                telemetry().observer());
        if (replicas.isEmpty()) {
            return;
        }
        ReplicaRouter router = ReplicaRouter.start(
                db,
                replicas,
                Duration.ofSeconds(config.seconds(ConfigKeys.DB_REPLICA_MAX_LAG)),
                Duration.ofSeconds(config.seconds(ConfigKeys.DB_REPLICA_CHECK_INTERVAL)),
                clock,
                telemetry().registry());
        db.route(router);
        cache().routeMisses(router);
    }

    /**
     * Lets this context use an external database whatever the state of its schema, for the commands that report or
     * migrate it; otherwise {@link #database()} refuses one with a migration pending, or migrated by a newer dgas
     * ({@link io.dgas.store.migrate.SchemaNotReadyException}). Call before the first {@link #database()}.
     */
    public synchronized void acceptAnySchema() {
        anySchema = true;
    }

    /** Metrics, query monitor and caches, built on first call. */
    public synchronized Telemetry telemetry() {
        if (telemetry == null) {
            telemetry = new Telemetry(config, clock);
        }
        return telemetry;
    }

    /** Prometheus registry holding every dgas, pool, cache and JVM meter. */
    public PrometheusMeterRegistry meters() {
        return telemetry().registry();
    }

    /** The query monitor, or null when {@code monitor.query_monitor} is off. */
    public QueryMonitor queryMonitor() {
        return telemetry().queryMonitor();
    }

    /** The named query caches ({@link QueryCache#NONE} when {@code cache.enabled} is off). */
    public QueryCache cache() {
        return telemetry().cache();
    }

    /**
     * The health monitor over this context's database, query monitor and caches; alerts go to the log (the alert
     * sinks of the cycle add more). Not started: {@code dgas serve} starts background collection when
     * {@code monitor.health.enabled}.
     */
    public synchronized HealthMonitor health() {
        if (health == null) {
            health = new HealthMonitor(
                    database(),
                    queryMonitor(),
                    cache(),
                    Thresholds.defaults(),
                    clock,
                    Duration.ofMinutes(5),
                    c -> org.slf4j.LoggerFactory.getLogger("io.dgas.health")
                            .warn(
                                    "health {} is {}: {} {} ({})",
                                    c.name(),
                                    c.verdict().code(),
                                    c.value(),
                                    c.unit(),
                                    c.message()));
        }
        return health;
    }

    /** A prediction cycle on this context's database and worker pool ({@code cycle.workers} threads). */
    public synchronized PredictionCycle cycle(UnaryOperator<CycleResult> afterRun) {
        return cycle(afterRun, signalParams());
    }

    /** Backtests over stored bars ({@code dgas backtest}, {@code POST /api/v1/backtests}). */
    public io.dgas.app.trading.BacktestService backtests() {
        return new io.dgas.app.trading.BacktestService(database(), clock(), cache(), mtfParams());
    }

    /** <b>[C]</b> The replay of past signals behind {@code dgas signals evaluate}. */
    public io.dgas.app.evaluate.SignalEvaluation signalEvaluation() {
        return new io.dgas.app.evaluate.SignalEvaluation(database(), calculations(), mtfParams());
    }

    /** <b>[C]</b> The signal parameters of drummond.md §7 with the configured {@code signals.*} keys. */
    public SignalParams signalParams() {
        return signalParams(io.dgas.app.cycle.SignalOverrides.NONE);
    }

    /** <b>[C]</b> {@link #signalParams()} with {@code overrides}. */
    public SignalParams signalParams(io.dgas.app.cycle.SignalOverrides overrides) {
        return overrides.apply(config);
    }

    /**
     * <b>[C]</b> The multi-timeframe parameters of drummond.md §6 with the configured {@code mtf.*} key (the confluence
     * zones' line window).
     */
    public MtfParams mtfParams() {
        return mtfParams(config);
    }

    /** {@link #mtfParams()} of {@code config}, for commands that need no context (no database). */
    public static MtfParams mtfParams(DgasConfig config) {
        return MtfParams.defaults().withZoneLookbackBars(config.intValue(ConfigKeys.ZONE_LOOKBACK));
    }

    /** A prediction cycle with the signal parameters {@code signals}. */
    public synchronized PredictionCycle cycle(UnaryOperator<CycleResult> afterRun, SignalParams signals) {
        return cycling.cycle(afterRun, signals);
    }

    /**
     * The cycle's collect stage over {@code collect.*}, built once so its rate limit holds across cycles.
     *
     * @throws io.dgas.app.config.UnableToConfigureException when {@code collect.source: eodhd} has no token
     */
    public synchronized CollectStage collectStage() {
        return cycling.collectStage();
    }

    /**
     * The warm series of this process's cycles, analysed with the configured signal parameters (a cycle with other
     * parameters runs cold); ingest in this process reports to it ({@link #ingestListener}).
     */
    public synchronized AnalyzerPool analyzers() {
        return cycling.analyzers();
    }

    /**
     * The trade stream over the live universe during each symbol's market hours when {@code collect.stream} is on
     * (started), else empty.
     *
     * @throws io.dgas.app.config.UnableToConfigureException when the stream is on without a token
     */
    public java.util.Optional<io.dgas.app.stream.StreamSupervisor> tradeStream() {
        return cycling.tradeStream();
    }

    /** Every cycle of this process (on demand and scheduled); one at a time on the database. */
    public synchronized io.dgas.app.cycle.CycleService cycles() {
        return cycling.cycles();
    }

    /** The scheduler feature: this instance's cluster scheduler and its status. */
    public io.dgas.app.schedule.Scheduling scheduling() {
        return new io.dgas.app.schedule.Scheduling(this);
    }

    /** The alert engine with the configured sinks: the log always, a webhook and a file when configured. */
    public synchronized AlertEngine alerts() {
        return alerting.alerts();
    }

    /** Announces runs, signals and fired alerts to every {@code dgas serve} on the database ({@code pg_notify}). */
    public EventPublisher events() {
        return EventPublisher.postgres(database());
    }

    /**
     * The background jobs ({@code POST /api/v1/backtests} with {@code async}, {@code POST /api/v1/signals/evaluation})
     * of every server on the database, this one accepting them; it runs one at a time once {@link
     * io.dgas.app.jobs.JobService#start}ed ({@code dgas serve} starts it; a command that lists, cancels or queues jobs
     * does not), {@link #MAX_OPEN_JOBS} queued or running at most on the database.
     */
    public synchronized io.dgas.app.jobs.JobService jobs() {
        if (jobs == null) {
            jobs = new io.dgas.app.jobs.JobService(
                            new io.dgas.store.jobs.JobRepository(database()),
                            clock,
                            instanceName(),
                            events(),
                            1,
                            MAX_OPEN_JOBS,
                            Duration.ofSeconds(config.seconds(ConfigKeys.JOBS_POLL)))
                    .register(new io.dgas.app.jobs.JobKind<>(
                            io.dgas.app.jobs.JobKinds.BACKTEST,
                            io.dgas.app.trading.BacktestRequest.class,
                            (r, p) -> backtests().run(r, p),
                            report -> "backtest.html?id=" + report.record().id()))
                    .register(io.dgas.app.jobs.JobKind.of(
                            io.dgas.app.jobs.JobKinds.EVALUATION,
                            io.dgas.app.evaluate.SignalEvaluation.Request.class,
                            (r, p) -> signalEvaluation().evaluate(r, p)));
        }
        return jobs;
    }

    /** Alert rules and the alert log, for the command line and the API. */
    public synchronized AlertsService alertsService() {
        return alerting.alertsService();
    }

    /** This process as named in run records and the scheduler: host and pid. */
    public static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** The calculation cache (series-version keys; the null object when {@code cache.enabled} is off). */
    public synchronized CalculationCache calculations() {
        if (calculations == null) {
            calculations = new ProfilingCalculationCache(
                    config.bool(ConfigKeys.CACHE_ENABLED) ? new CaffeineCalculationCache() : CalculationCache.none(),
                    profiler);
        }
        return calculations;
    }

    /** Time per calculation type and cache hits of this process (cheap enough to stay on). */
    public CalculationProfiler profiler() {
        return profiler;
    }

    /** What writes call so caches never serve what they changed. */
    public CacheInvalidation invalidation() {
        return new CacheInvalidation(cache(), calculations());
    }

    /** The database optimizer: the service under {@code dgas db-optimizer}. */
    public io.dgas.app.service.OptimizerService optimizer() {
        return new io.dgas.app.service.OptimizerService(database(), config, clock);
    }

    /** Loads bars and ticks: the service under {@code dgas ingest} and the upload routes. */
    public io.dgas.app.ingest.IngestService ingest() {
        return new io.dgas.app.ingest.IngestService(database(), invalidation(), config, clock, this::afterIngest);
    }

    /** The listener every ingest, aggregation and soft delete reports changed series to. */
    public IngestListener ingestListener() {
        CacheInvalidation caches = invalidation();
        AnalyzerPool pool = analyzers();
        return new IngestListener() {
            @Override
            public void seriesChanged(String symbol, Timeframe tf) {
                caches.seriesChanged(symbol, tf);
                pool.seriesChanged(symbol, tf);
            }

            @Override
            public void barsChanged(String symbol, Timeframe tf, long from) {
                caches.seriesChanged(symbol, tf);
                pool.barsChanged(symbol, tf, from);
            }
        };
    }

    /** After an ingest: count the rows and evaluate the alert rules of the symbols that changed. */
    public void afterIngest(List<IngestReport> reports) {
        Set<String> changed = new LinkedHashSet<>();
        long rows = 0;
        for (IngestReport r : reports) {
            rows += r.inserted() + r.updated();
            r.series().forEach(s -> changed.add(s.substring(0, s.indexOf('/'))));
        }
        meters().counter("dgas.ingest.rows").increment(rows);
        if (!changed.isEmpty()) {
            alerts().evaluate(List.of(), changed);
        }
    }

    /**
     * Portfolios and manual orders, whose refusals by a session limit fire the limit-breach alert rules (the CLI and
     * the API place orders through this one service). The order is stored whatever the alert engine does: its failure
     * is logged, not answered.
     */
    public io.dgas.app.trading.PortfolioService portfolios() {
        return new io.dgas.app.trading.PortfolioService(
                database(), clock(), cache(), config().timeframe(io.dgas.app.config.ConfigKeys.TRADING), events -> {
                    try {
                        alerts().evaluateTrading(events);
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger("io.dgas.alerts")
                                .warn("limit-breach alerts of a manual order failed", e);
                    }
                });
    }

    /**
     * After a run is stored: drop cached signals and runs, evaluate the alert rules with its signals, then drive the
     * active paper sessions with them and evaluate the fill and limit-breach rules with what they did (a paper failure
     * is logged: the run itself is stored and stands).
     *
     * @return {@code result} with what each paper session did ({@link CycleResult#paper()})
     */
    public CycleResult afterRun(CycleResult result) {
        return cycling.afterRun(result);
    }

    /** Paper trading over this context's database and clock. */
    public io.dgas.app.trading.PaperTradingService paperTrading() {
        return new io.dgas.app.trading.PaperTradingService(
                database(), clock, cache(), config.intValue(io.dgas.app.config.ConfigKeys.EXPIRY_BARS));
    }

    /** News with sentiment: loads and reads (CLI and API). */
    public io.dgas.app.news.NewsService news() {
        return new io.dgas.app.news.NewsService(
                database(), cache(), io.dgas.app.ingest.IngestSettings.limits(config, clock));
    }

    /**
     * The exchange calendars, the shipped ones and the user's ({@code calendars.dir}), built once per process (the
     * gaps report, the checks and the trade stream share them).
     *
     * @throws io.dgas.app.config.UnableToConfigureException naming the file and line of a calendar's mistake
     */
    public synchronized io.dgas.app.stream.MarketHours marketHours() {
        if (marketHours == null) {
            marketHours = io.dgas.app.stream.MarketHours.standard(io.dgas.app.schedule.CalendarFiles.load(
                    config.calendarsDir(), io.dgas.app.stream.MarketHours.fileCodes()));
        }
        return marketHours;
    }

    /** The exchange calendars as dgas takes them, to check against the exchanges' lists (CLI and API). */
    public io.dgas.app.calendar.Calendars calendars() {
        return new io.dgas.app.calendar.Calendars(marketHours());
    }

    /** The bars missing from stored series, judged by the shipped exchange calendars (CLI and API). */
    public io.dgas.app.gaps.DataGaps gaps() {
        return new io.dgas.app.gaps.DataGaps(database(), marketHours());
    }

    /** The quality checks of a stored series: bars outside its market's hours, spikes, flat runs (CLI and API). */
    public io.dgas.app.quality.DataChecks checks() {
        return new io.dgas.app.quality.DataChecks(database(), this::marketHours);
    }

    /** Risk diagnostics per portfolio. */
    public io.dgas.app.trading.RiskService risk() {
        return new io.dgas.app.trading.RiskService(database(), clock, cache());
    }

    /** Whether the database in use is the embedded one (valid after {@link #database()}). */
    public boolean isEmbedded() {
        return !config.isExternalDatabase();
    }

    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
        cycling.close();
        alerting.close();
        if (health != null) {
            health.close();
            health = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        if (telemetry != null) {
            telemetry.close();
            telemetry = null;
        }
    }
}
