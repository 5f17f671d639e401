package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.health.Verdict;
import io.dgas.store.monitor.DatabaseActivity;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.replica.ReplicaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * PgHero's home page as one verdict list, with PgHero's defaults as the warning thresholds.
 *
 * <p>Design notes: PgHero flags a check as good or bad; here "bad" is a warning, and a second, stricter
 * threshold marks what needs action now (critical, exit 1 in the CLI): replication lag ≥ 5 s (or a configured replica out)
 * warning / ≥ 60 s critical;
 * statements running ≥ 60 s warning / ≥ 300 s critical; cache hit rate &lt; 99 % warning / &lt; 95 % critical (once there are
 * 10,000 block accesses to judge); connections ≥ 500
 * or ≥ 100 idle in transaction warning / ≥ 90 % of max_connections critical; fewer than 1.5 billion transactions before
 * wraparound warning / fewer than 10 million critical (PgHero's own danger threshold); sequences ≥ 90 % used warning /
 * ≥ 98 % critical. Invalid, duplicate, suggested and unused indexes and slow queries are a warning when present. A check that
 * cannot be evaluated is a warning with the error as its summary.
 */
public final class OptimizerChecks {
    /** Block accesses below which the cache hit rate is not judged. */
    static final long MIN_BLOCK_ACCESSES = 10_000;

    /** How long a process that has just started waits for the read routing's first check of its replicas. */
    static final Duration FIRST_CHECK = Duration.ofSeconds(5);

    private final Database db;

    /** The checks of {@code db}, and of the replicas its read routing keeps ({@code database.replicas}). */
    public OptimizerChecks(Database db) {
        this.db = db;
    }

    /** Every check; slow queries and suggestions look at the statements of the last {@code lookback}. */
    public List<Finding> run(Instant now, Duration lookback) {
        DatabaseActivity activity = new DatabaseActivity(db);
        TableReports tables = new TableReports(db);
        IndexCatalog indexes = new IndexCatalog(db);
        PgStatStatements pss = new PgStatStatements(db);
        List<Finding> out = new ArrayList<>();
        out.add(guard("replication_lag", this::replicationLag));
        out.add(guard("long_running_queries", () -> {
            List<DatabaseActivity.LongQuery> q = activity.longRunning(60);
            double longest = q.stream()
                    .mapToDouble(DatabaseActivity.LongQuery::seconds)
                    .max()
                    .orElse(0);
            return Finding.of(
                    "long_running_queries",
                    q.isEmpty() ? Verdict.HEALTHY : longest >= 300 ? Verdict.CRITICAL : Verdict.WARNING,
                    q.isEmpty() ? "no statement running for 60 s or more" : q.size() + " running for 60 s or more",
                    List.of("pid", "seconds", "state", "query"),
                    q.stream()
                            .map(l -> List.of("" + l.pid(), f(l.seconds()), l.state(), l.query()))
                            .toList());
        }));
        out.add(guard("cache_hit_rate", () -> cacheHitRate(activity.blockAccess())));
        out.add(guard("connections", this::connections));
        out.add(guard("wraparound", () -> {
            List<TableReports.TableAge> ages = tables.wraparound();
            long left = Math.min(
                    activity.wraparoundMargin(),
                    ages.stream()
                            .mapToLong(TableReports.TableAge::transactionsLeft)
                            .min()
                            .orElse(Long.MAX_VALUE));
            List<TableReports.TableAge> danger = ages.stream()
                    .filter(a -> a.transactionsLeft() < 1_500_000_000L)
                    .toList();
            return Finding.of(
                    "wraparound",
                    left < 10_000_000L ? Verdict.CRITICAL : left < 1_500_000_000L ? Verdict.WARNING : Verdict.HEALTHY,
                    String.format(java.util.Locale.ROOT, "fewest transactions left before wraparound: %,d", left),
                    List.of("table", "xid age", "left"),
                    danger.stream()
                            .map(a -> List.of(a.table(), "" + a.xidAge(), "" + a.transactionsLeft()))
                            .toList());
        }));
        out.add(guard("sequences", () -> {
            List<TableReports.SequenceUsage> full =
                    tables.sequences().stream().filter(x -> x.used() >= 0.9).toList();
            double worst = full.stream()
                    .mapToDouble(TableReports.SequenceUsage::used)
                    .max()
                    .orElse(0);
            return Finding.of(
                    "sequences",
                    worst >= 0.98 ? Verdict.CRITICAL : worst >= 0.9 ? Verdict.WARNING : Verdict.HEALTHY,
                    full.isEmpty() ? "no sequence is 90 % used" : full.size() + " sequence(s) at least 90 % used",
                    List.of("sequence", "column", "used %"),
                    full.stream()
                            .map(x -> List.of(x.sequence(), x.table() + "." + x.column(), f(100 * x.used())))
                            .toList());
        }));
        out.add(guard("invalid_indexes", () -> indexList("invalid_indexes", indexes.invalid(), "invalid")));
        out.add(guard("duplicate_indexes", () -> {
            List<IndexCatalog.DuplicateIndex> d = indexes.duplicates();
            return Finding.of(
                    "duplicate_indexes",
                    d.isEmpty() ? Verdict.HEALTHY : Verdict.WARNING,
                    d.isEmpty() ? "no duplicate indexes" : d.size() + " duplicate index(es)",
                    List.of("table", "index", "covered by"),
                    d.stream()
                            .map(x -> List.of(
                                    x.index().table(),
                                    x.index().name(),
                                    x.coveredBy().name()))
                            .toList());
        }));
        List<ServerStatement> heavy = pss.top(now, lookback, 20, 100, 0);
        out.add(guard("suggested_indexes", () -> {
            IndexAdvisor.Advice a = new IndexAdvisor(db).suggest(heavy, 0.5, true);
            return Finding.of(
                    "suggested_indexes",
                    a.suggestions().isEmpty() ? Verdict.HEALTHY : Verdict.WARNING,
                    a.suggestions().isEmpty()
                            ? "no index suggestions (" + a.method() + ")"
                            : a.suggestions().size() + " index suggestion(s) (" + a.method() + ")",
                    List.of("index", "time saved ms", "ddl"),
                    a.suggestions().stream()
                            .map(x -> List.of(x.name(), f(x.timeSavedMs()), x.ddl()))
                            .toList());
        }));
        out.add(guard("slow_queries", () -> {
            List<ServerStatement> slow = pss.top(now, lookback, 50, 100, 20);
            return Finding.of(
                    "slow_queries",
                    slow.isEmpty() ? Verdict.HEALTHY : Verdict.WARNING,
                    pss.available()
                            ? slow.isEmpty() ? "no slow queries" : slow.size() + " slow quer(ies)"
                            : "pg_stat_statements unavailable",
                    List.of("name", "calls", "mean ms", "total ms"),
                    slow.stream()
                            .map(x -> List.of(
                                    x.name() == null ? "-" : x.name(), "" + x.calls(), f(x.meanMs()), f(x.totalMs())))
                            .toList());
        }));
        out.add(guard("unused_indexes", () -> {
            UnusedIndexes.AcrossServers unused = UnusedIndexes.acrossServers(
                    indexes.unused(10L << 20), db.routing().replicas());
            if (!unused.warnings().isEmpty()) {
                // an index a replica might scan is not proven unused: the check cannot say
                throw new IllegalStateException(String.join("; ", unused.warnings()));
            }
            return indexList("unused_indexes", unused.indexes(), "unused");
        }));
        return out;
    }

    /** The worst verdict of a list (healthy when empty). */
    public static Verdict overall(List<Finding> findings) {
        return findings.stream().map(Finding::verdict).reduce(Verdict.HEALTHY, Verdict::worst);
    }

    /**
     * What the primary says of the standbys streaming from it ({@code pg_stat_replication}: PostgreSQL's replay lag,
     * which it clears once a standby has caught up), then each replica of {@code database.replicas} as the read routing
     * last checked it: the same lag and state as {@code /health}, the database page's replica table and the
     * {@code db_replica_*} metrics (how long ago the primary wrote what the replica has not replayed, so an idle
     * primary shows none, where a replica's {@code now() − pg_last_xact_replay_timestamp()} counts the quiet time).
     * Warning from 5 s or while a configured replica is out, critical from 60 s.
     */
    private Finding replicationLag() {
        List<List<String>> rows = new ArrayList<>(db.query(
                "optimizer.replication-lag",
                "SELECT coalesce(application_name, '?') || ' ' || coalesce(client_addr::text, 'local'),"
                        + " coalesce(extract(epoch FROM replay_lag), 0)::float8, coalesce(state, '?')"
                        + " FROM pg_stat_replication",
                SqlSession.Binder.NONE,
                rs -> List.of(rs.getString(1), f(rs.getDouble(2)), rs.getString(3))));
        double worst = rows.stream()
                .mapToDouble(r -> Double.parseDouble(r.get(1)))
                .max()
                .orElse(0);
        List<ReplicaStatus> configured = db.routing().status(FIRST_CHECK);
        long out = 0;
        boolean measured = !rows.isEmpty();
        for (ReplicaStatus r : configured) {
            double lag = r.lagSeconds();
            rows.add(List.of(
                    r.name(), Double.isNaN(lag) ? "-" : f(lag), r.state().code()));
            worst = Double.isNaN(lag) ? worst : Math.max(worst, lag);
            measured |= !Double.isNaN(lag);
            out += r.out() ? 1 : 0;
        }
        String summary = rows.isEmpty()
                ? "no replicas"
                : measured ? "largest replica lag " + f(worst) + " s" : "no replica lag measured";
        if (out > 0) {
            summary += "; " + out + " of " + configured.size() + " configured replica(s) not serving reads";
        }
        return Finding.of(
                "replication_lag",
                worst >= 60 ? Verdict.CRITICAL : worst >= 5 || out > 0 ? Verdict.WARNING : Verdict.HEALTHY,
                summary,
                List.of("replica", "lag s", "state"),
                rows);
    }

    /**
     * The cache hit rate's verdict; below {@link #MIN_BLOCK_ACCESSES} block accesses it is not judged: a fresh or
     * restarted database reads most blocks once from outside shared buffers, and a rate over a few hundred says
     * nothing about the workload (a new database read 79 % and was called critical).
     */
    static Finding cacheHitRate(DatabaseActivity.BlockAccess b) {
        double r = b.ratio();
        boolean judged = b.total() >= MIN_BLOCK_ACCESSES;
        return Finding.of(
                "cache_hit_rate",
                !judged ? Verdict.HEALTHY : r < 0.95 ? Verdict.CRITICAL : r < 0.99 ? Verdict.WARNING : Verdict.HEALTHY,
                "cache hit rate " + f(100 * r) + " % "
                        + (judged
                                ? "(warn below 99 %)"
                                : "over " + String.format(Locale.ROOT, "%,d", b.total())
                                        + " block accesses: too few to judge (under "
                                        + String.format(Locale.ROOT, "%,d", MIN_BLOCK_ACCESSES) + ")"),
                List.of("hit rate %", "block accesses"),
                List.of(List.of(f(100 * r), Long.toString(b.total()))));
    }

    private Finding connections() {
        long[] c = db.queryOne(
                        "optimizer.connections",
                        "SELECT count(*), count(*) FILTER (WHERE state = 'idle in transaction'),"
                                + " current_setting('max_connections')::int FROM pg_stat_activity",
                        SqlSession.Binder.NONE,
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .orElseThrow();
        Verdict v =
                c[0] >= 0.9 * c[2] ? Verdict.CRITICAL : c[0] >= 500 || c[1] >= 100 ? Verdict.WARNING : Verdict.HEALTHY;
        return Finding.of(
                "connections",
                v,
                c[0] + " connections (" + c[1] + " idle in transaction) of " + c[2],
                List.of("total", "idle in transaction", "max_connections"),
                List.of(List.of("" + c[0], "" + c[1], "" + c[2])));
    }

    private static Finding indexList(String name, List<IndexInfo> list, String what) {
        return Finding.of(
                name,
                list.isEmpty() ? Verdict.HEALTHY : Verdict.WARNING,
                list.isEmpty() ? "no " + what + " indexes" : list.size() + " " + what + " index(es)",
                List.of("table", "index", "bytes"),
                list.stream()
                        .map(i -> List.of(i.table(), i.name(), "" + i.bytes()))
                        .toList());
    }

    private static Finding guard(String name, Supplier<Finding> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return Finding.of(name, Verdict.WARNING, "could not check: " + e.getMessage(), List.of(), List.of());
        }
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
