package io.dgas.app.service;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.Database;
import io.dgas.store.PoolStats;
import io.dgas.store.health.Verdict;
import io.dgas.store.monitor.LiveQueries;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.optimizer.Finding;
import io.dgas.store.optimizer.IndexAdvisor;
import io.dgas.store.optimizer.IndexBuilder;
import io.dgas.store.optimizer.IndexCatalog;
import io.dgas.store.optimizer.IndexInfo;
import io.dgas.store.optimizer.IndexSpec;
import io.dgas.store.optimizer.IndexSuggestion;
import io.dgas.store.optimizer.OptimizerChecks;
import io.dgas.store.optimizer.ServerSettings;
import io.dgas.store.optimizer.SettingsAdvice;
import io.dgas.store.optimizer.StatementPlan;
import io.dgas.store.optimizer.TableReports;
import io.dgas.store.optimizer.VacuumAnalyze;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The database optimizer: the one service under {@code dgas db-optimizer} (the commands parse, call this, render).
 * Reports (sizes, slow statements, maintenance needs, bloat, wraparound, sequences, indexes, the health check), index
 * advice and building, and VACUUM/ANALYZE, over the store's readers; the replicas of {@code database.replicas} where a
 * report must see every server.
 */
public final class OptimizerService {
    private final Database db;
    private final DgasConfig config;
    private final Clock clock;

    public OptimizerService(Database db, DgasConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Table, index and TOAST sizes and rows, with growth since the last daily snapshot. */
    public List<TableReports.TableSize> tableSizes() {
        return new TableReports(db).sizes();
    }

    /** One page of {@link #tableSizes()} (largest first), counted. */
    public Page<TableReports.TableSize> tableSizes(int limit, int offset) {
        return Page.slice(tableSizes(), limit, offset);
    }

    /** Dead tuples, last (auto)vacuum and (auto)analyze, modifications since analyze: which tables need work. */
    public List<TableReports.TableMaintenance> analyzeNeeds() {
        return new TableReports(db).maintenance();
    }

    /** One page of {@link #analyzeNeeds()}, the tables needing a vacuum or an analyze first, counted. */
    public Page<TableReports.TableMaintenance> analyzeNeeds(int limit, int offset) {
        List<TableReports.TableMaintenance> all = new ArrayList<>(analyzeNeeds());
        // stable: within each group the report's own order
        all.sort(java.util.Comparator.comparing(m -> !(m.needsVacuum() || m.needsAnalyze())));
        return Page.slice(all, limit, offset);
    }

    /** Estimated table bloat. */
    public List<TableReports.TableBloat> bloat() {
        return new TableReports(db).bloat();
    }

    /** Transaction-ID age per table. */
    public List<TableReports.TableAge> wraparound() {
        return new TableReports(db).wraparound();
    }

    /** Sequences and the columns they feed, with the share of their range used. */
    public List<TableReports.SequenceUsage> sequences() {
        return new TableReports(db).sequences();
    }

    /** Statements passing the slow thresholds, and whether pg_stat_statements could be read at all. */
    public record SlowQueries(boolean available, List<ServerStatement> statements) {}

    /**
     * The (at most 100) statements of the last {@code lookback} by total time with at least {@code minCalls} calls and
     * a mean of at least {@code minMeanMs} (pg_stat_statements deltas).
     */
    public SlowQueries slowQueries(Duration lookback, long minCalls, double minMeanMs) {
        PgStatStatements pss = new PgStatStatements(db);
        List<ServerStatement> slow = pss.top(clock.instant(), lookback, 100, minCalls, minMeanMs);
        return new SlowQueries(pss.available(), slow);
    }

    /** Connection pool figures of this process. */
    public PoolStats poolStats() {
        return db.poolStats();
    }

    /**
     * The database at a glance (the database page's header, {@code monitor summary}'s figures): size, connections
     * by state, buffer cache hit ratio, transactions left before wraparound, this process's pool, and the queries
     * running for 60 s or more.
     */
    public record Overview(
            long sizeBytes,
            java.util.Map<String, Long> connections,
            double cacheHitRatio,
            long wraparoundMargin,
            PoolStats pool,
            List<io.dgas.store.monitor.DatabaseActivity.LongQuery> longRunning,
            List<io.dgas.store.replica.ReplicaStatus> replicas) {}

    public Overview overview() {
        var a = new io.dgas.store.monitor.DatabaseActivity(db);
        return new Overview(
                a.sizeBytes(),
                a.connectionsByState(),
                a.cacheHitRatio(),
                a.wraparoundMargin(),
                db.poolStats(),
                a.longRunning(60),
                db.routing().status());
    }

    /**
     * The plan of statement {@code queryid} of {@code pg_stat_statements} (its generic plan: its constants are
     * parameters), never running it ({@link StatementPlan}).
     *
     * @throws NotFoundException when the extension holds no such statement of this database
     */
    public StatementPlan.Plan plan(long queryid) {
        String text = new PgStatStatements(db)
                .text(queryid)
                .orElseThrow(() -> new NotFoundException(
                        "queryid",
                        Long.toString(queryid),
                        "no statement " + queryid + " in pg_stat_statements for this database (dgas db-optimizer"
                                + " slow-queries and the database page list theirs)"));
        return new StatementPlan(db).explain(text);
    }

    /** The plan of one statement given as text, never running it ({@link StatementPlan}). */
    public StatementPlan.Plan plan(String sql) {
        return new StatementPlan(db).explain(sql);
    }

    /** The server's client connections by who holds them, with its limit ({@link io.dgas.store.monitor.DatabaseActivity#connectionsBySource}). */
    public io.dgas.store.monitor.DatabaseActivity.Connections connections() {
        return new io.dgas.store.monitor.DatabaseActivity(db).connectionsBySource();
    }

    /** The clients of the database at work now, the longest-running statement first ({@link LiveQueries}). */
    public List<LiveQueries.LiveQuery> liveQueries() {
        return new LiveQueries(db).list();
    }

    /**
     * Cancels client {@code pid}'s statement, or with {@code terminate} closes its connection; without {@code apply}
     * only says what it would stop (nothing changes without it, as every optimizer action).
     *
     * @throws NotFoundException when {@code pid} is not a client {@link #liveQueries} lists
     */
    public LiveQueries.Signal stop(int pid, boolean terminate, boolean apply) {
        LiveQueries live = new LiveQueries(db);
        java.util.Optional<LiveQueries.Signal> done = apply
                ? live.signal(pid, terminate)
                : live.find(pid).map(q -> new LiveQueries.Signal(pid, LiveQueries.action(terminate), false, q.query()));
        return done.orElseThrow(() -> new NotFoundException(
                "pid",
                Integer.toString(pid),
                "no client of this database at work with pid " + pid
                        + " (idle ones, other databases' and server processes are not listed)"));
    }

    /**
     * The server's settings judged ({@link SettingsAdvice}).
     *
     * @param serverMemoryBytes the server's memory the memory settings were sized to, 0 when it is not known here
     */
    public record Settings(long serverMemoryBytes, List<SettingsAdvice.Advice> advice) {}

    public Settings settings() {
        ServerSettings s = new ServerSettings(db);
        long memory = s.memoryIfLocal();
        return new Settings(memory, SettingsAdvice.of(s.read(), memory));
    }

    /** The health verdicts and the worst of them. */
    public record Checks(Verdict overall, List<Finding> findings) {}

    /** The PgHero-style checks over the primary and the configured replicas, statements over {@code lookback}. */
    public Checks check(Duration lookback) {
        List<Finding> findings = new OptimizerChecks(db).run(clock.instant(), lookback);
        return new Checks(OptimizerChecks.overall(findings), findings);
    }

    /** The VACUUM (with ANALYZE) statement for {@code table} (null: all); system catalogs only with {@code system}. */
    public String planVacuum(String table, boolean full, boolean system) {
        return new VacuumAnalyze(db).planVacuum(table, full, system);
    }

    /** The ANALYZE statement for {@code table} (null: all); system catalogs only with {@code system}. */
    public String planAnalyze(String table, boolean system) {
        return new VacuumAnalyze(db).planAnalyze(table, system);
    }

    /** Runs a planned VACUUM or ANALYZE outside any transaction; returns what ran. */
    public List<String> runMaintenance(String statement) {
        return new VacuumAnalyze(db).run(List.of(statement));
    }

    /** Every index with its scans, tuples read and size. */
    public List<IndexInfo> indexes() {
        return new IndexCatalog(db).all();
    }

    /** Indexes whose columns another index of the table starts with. */
    public List<IndexCatalog.DuplicateIndex> duplicateIndexes() {
        return new IndexCatalog(db).duplicates();
    }

    /** Indexes left invalid (a failed concurrent build). */
    public List<IndexInfo> invalidIndexes() {
        return new IndexCatalog(db).invalid();
    }

    /** The index builds planned and, when applied, the statements run. */
    public record IndexBuild(List<IndexBuilder.Step> plan, List<String> executed) {}

    /**
     * The schema's declared indexes that are missing or invalid (with {@code suggested}, also the suggestions for the
     * statements of the last {@code lookback} called {@code minCalls} times), built with CREATE INDEX CONCURRENTLY when
     * {@code apply} under the configured lock and statement timeouts.
     */
    public IndexBuild addIndexes(boolean suggested, Duration lookback, long minCalls, boolean apply) {
        List<IndexSpec> wanted = new ArrayList<>(IndexSpec.DECLARED);
        if (suggested) {
            for (IndexSuggestion s : advise(lookback, minCalls, 20, 0.5).suggestions()) {
                wanted.add(IndexSpec.of(s));
            }
        }
        IndexBuilder builder = new IndexBuilder(db);
        List<IndexBuilder.Step> plan = builder.plan(wanted);
        List<String> done = apply
                ? builder.apply(
                        plan,
                        Duration.ofSeconds(config.seconds(ConfigKeys.OPTIMIZER_LOCK_TIMEOUT)),
                        Duration.ofSeconds(config.seconds(ConfigKeys.OPTIMIZER_STATEMENT_TIMEOUT)))
                : List.of();
        return new IndexBuild(plan, done);
    }

    /**
     * The pools of the configured replicas ({@code database.replicas}) that the read routing keeps: the optimizer
     * opens none of its own (it opened one per replica and request, and a replica that was down held each request for
     * 10 s), and does not close them.
     */
    public List<Database> replicas() {
        return db.routing().replicas();
    }

    /** Unused indexes with what they were judged on; {@code warnings} name the replicas that could not be checked. */
    public record Unused(
            String statsReset,
            int replicasChecked,
            List<io.dgas.store.optimizer.IndexInfo> indexes,
            io.dgas.store.optimizer.HiddenIndexCheck.Result verification,
            List<String> warnings) {}

    /**
     * Indexes of at least {@code minSize} bytes never scanned here and (when {@code database.replicas} are set) on
     * none of the replicas either; a replica that cannot be read is skipped with a warning. With {@code verify}, the
     * top statements of the last 7 days that would get slower without them (hypopg).
     */
    public Unused unused(long minSize, boolean verify) {
        io.dgas.store.optimizer.IndexCatalog catalog = new io.dgas.store.optimizer.IndexCatalog(db);
        List<Database> replicas = replicas();
        io.dgas.store.optimizer.UnusedIndexes.AcrossServers across =
                io.dgas.store.optimizer.UnusedIndexes.acrossServers(catalog.unused(minSize), replicas);
        List<io.dgas.store.optimizer.IndexInfo> result = across.indexes();
        io.dgas.store.optimizer.HiddenIndexCheck.Result verification = null;
        if (verify) {
            List<ServerStatement> top = new PgStatStatements(db).top(clock.instant(), Duration.ofDays(7), 20, 1, 0);
            verification = new io.dgas.store.optimizer.HiddenIndexCheck(db).verify(result, top);
        }
        return new Unused(
                catalog.statsResetAt().map(java.time.Instant::toString).orElse(null),
                replicas.size(),
                result,
                verification,
                across.warnings());
    }

    /**
     * Index suggestions for the {@code limit} heaviest statements of the last {@code window} called at least
     * {@code minCalls} times, keeping those that cut the planner's cost by {@code minSavings} (0..1).
     */
    public IndexAdvisor.Advice advise(Duration window, long minCalls, int limit, double minSavings) {
        List<ServerStatement> top = new PgStatStatements(db).top(clock.instant(), window, limit, minCalls, 0);
        return new IndexAdvisor(db).suggest(top, minSavings, true);
    }
}
