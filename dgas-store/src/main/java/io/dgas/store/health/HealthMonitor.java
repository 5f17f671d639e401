package io.dgas.store.health;

import io.dgas.store.Database;
import io.dgas.store.PoolStats;
import io.dgas.store.cache.L2Health;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionStats;
import io.dgas.store.monitor.DatabaseActivity;
import io.dgas.store.monitor.QueryMonitor;
import io.dgas.store.monitor.QueryStats;
import io.dgas.store.replica.ReplicaStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects pool, query, cache, host and database figures, judges them against {@link Thresholds}, keeps the last
 * 1,000 snapshots, and raises an alert when a check turns warning or critical (once per check per cooldown).
 *
 * <p>Each collector runs on its own: one that throws yields a CRITICAL check naming the error, and the others and the
 * loop carry on.
 */
public final class HealthMonitor implements AutoCloseable {
    /** How long a one-off report waits for the shared cache level's first connection to come up or fail. */
    static final Duration SETTLE = Duration.ofSeconds(12);

    /** Borrows in the window from which their p95 is judged. */
    static final int MIN_ACQUIRES = 50;

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final int HISTORY = 1000;

    private final Database db;
    private final QueryMonitor queries;
    private final QueryCache cache;
    private final Thresholds t;
    private final Clock clock;
    private final Duration cooldown;
    private final Consumer<Check> alerts;
    private final HostSampler host = new HostSampler();
    private final ArrayDeque<HealthSnapshot> history = new ArrayDeque<>();
    private final Map<String, Instant> lastAlert = new HashMap<>();
    private ScheduledExecutorService loop;

    /**
     * @param queries the query monitor, or null when it is switched off
     * @param alerts told about each check that turned warning or critical, outside its cooldown
     */
    public HealthMonitor(
            Database db,
            QueryMonitor queries,
            QueryCache cache,
            Thresholds thresholds,
            Clock clock,
            Duration cooldown,
            Consumer<Check> alerts) {
        this.db = db;
        this.queries = queries;
        this.cache = cache;
        this.t = thresholds;
        this.clock = clock;
        this.cooldown = cooldown;
        this.alerts = alerts;
    }

    /** Starts collecting every {@code interval} on a daemon thread. */
    public synchronized void start(Duration interval) {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "dgas-health");
                th.setDaemon(true);
                return th;
            });
            loop.scheduleWithFixedDelay(this::collectQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void collectQuietly() {
        try {
            collectOnce();
        } catch (RuntimeException e) {
            LOG.warn("health collection failed: {}", e.getMessage());
        }
    }

    /** Runs every check now, records the snapshot and raises alerts (the background loop's step). */
    public HealthSnapshot collectOnce() {
        HealthSnapshot snap = evaluate(Duration.ZERO);
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(snap);
        }
        alert(snap);
        return snap;
    }

    /**
     * Runs every check now without recording or alerting: for one-off reports ({@code status}, {@code diagnose}). A
     * shared cache level whose first connection is still being made (the process has just started) is given up to
     * {@link #SETTLE} to come up or fail, so the report judges it instead of saying "connecting".
     */
    public HealthSnapshot evaluateNow() {
        return evaluate(SETTLE);
    }

    private HealthSnapshot evaluate(Duration settle) {
        List<Check> checks = new ArrayList<>();
        add(checks, "pool", this::pool);
        add(checks, "acquire_p95", this::acquire);
        add(checks, "query_mean", this::queryMean);
        add(checks, "cache_hit_rate", this::cacheHits);
        add(checks, "cache_l2", () -> cacheL2(settle));
        add(checks, "replicas", () -> replicas(settle));
        add(checks, "host", this::hostChecks);
        add(checks, "database", this::database);
        return HealthSnapshot.of(clock.instant(), checks);
    }

    private static void add(List<Check> checks, String name, Supplier<List<Check>> collector) {
        try {
            checks.addAll(collector.get());
        } catch (RuntimeException e) {
            checks.add(Check.failed(name, e));
        }
    }

    private List<Check> pool() {
        PoolStats p = db.poolStats();
        return List.of(Check.measured("pool", 100 * p.utilisation(), "%", t.poolWarn(), t.poolCrit(), p.describe()));
    }

    /**
     * The borrow time's p95 is judged from {@value #MIN_ACQUIRES} borrows in the window on: below that it is a few
     * borrows' worst, and a process's first borrows wait for the pool's first connections (a one-off {@code dgas
     * status} on a loaded machine read "warning").
     */
    private List<Check> acquire() {
        PoolStats p = db.poolStats();
        String detail = "95th percentile of connection borrow time over " + p.acquires() + " borrows, last 5 minutes";
        if (p.acquires() < MIN_ACQUIRES) {
            return List.of(Check.info(
                    "acquire_p95",
                    p.acquireP95Ms(),
                    "ms",
                    detail + ": too few to judge (under " + MIN_ACQUIRES + "); " + p.timeouts() + " timeouts"));
        }
        return List.of(Check.measured(
                "acquire_p95",
                p.acquireP95Ms(),
                "ms",
                t.acquireWarnMs(),
                t.acquireCritMs(),
                detail + "; " + p.timeouts() + " timeouts"));
    }

    private List<Check> queryMean() {
        if (queries == null) {
            return List.of(Check.info("query_mean", Double.NaN, "ms", "query monitor switched off"));
        }
        double total = 0;
        long n = 0;
        for (QueryStats s : queries.stats()) {
            if (s.windowCount() > 0) {
                total += s.meanMs() * s.windowCount();
                n += s.windowCount();
            }
        }
        double mean = n == 0 ? Double.NaN : total / n;
        return List.of(Check.measured(
                "query_mean", mean, "ms", t.queryWarnMs(), t.queryCritMs(), n + " statements in the window"));
    }

    private List<Check> cacheHits() {
        long hits = 0;
        long lookups = 0;
        for (RegionStats r : cache.stats()) {
            hits += r.hits();
            lookups += r.hits() + r.misses();
        }
        return List.of(Check.info(
                "cache_hit_rate", lookups == 0 ? Double.NaN : 100.0 * hits / lookups, "%", lookups + " lookups"));
    }

    /**
     * The shared Redis level: warning (degraded, nothing fails) while it is unreachable, not while a starting process
     * makes its first connection; absent without one.
     */
    private List<Check> cacheL2(Duration settle) {
        L2Health h = cache.l2Health(settle);
        if (h == null) {
            return List.of();
        }
        return List.of(
                h.connecting()
                        ? Check.info("cache_l2", Double.NaN, "down", h.detail())
                        : Check.measured("cache_l2", h.outage() ? 1 : 0, "down", 1, 2, h.detail()));
    }

    /**
     * Read replicas: warning while any is out (down, lagging or not a standby; its reads then go to the primary, so
     * nothing fails), never critical; information while they are first checked (a one-off report waits up to
     * {@code settle} for the first check); absent without any.
     */
    private List<Check> replicas(Duration settle) {
        List<ReplicaStatus> all = db.routing().status(settle);
        if (all.isEmpty()) {
            return List.of();
        }
        List<ReplicaStatus> out = all.stream().filter(ReplicaStatus::out).toList();
        long starting = all.stream()
                .filter(r -> r.state() == ReplicaStatus.State.STARTING)
                .count();
        StringBuilder detail = new StringBuilder();
        detail.append(all.size() - out.size() - starting)
                .append(" of ")
                .append(all.size())
                .append(" serving reads");
        if (starting > 0) {
            detail.append(", ").append(starting).append(" not checked yet");
        }
        for (ReplicaStatus r : out) {
            detail.append("; ")
                    .append(r.name())
                    .append(' ')
                    .append(r.state().code())
                    .append(": ")
                    .append(r.reason());
        }
        return List.of(Check.measured("replicas", out.size(), "out", 1, all.size() + 1.0, detail.toString()));
    }

    private List<Check> hostChecks() {
        double[] h = host.sample();
        return List.of(
                Check.measured(
                        "cpu", h[0], "%", t.cpuWarn(), t.cpuCrit(), rate(h[0], "process CPU share of all cores")),
                Check.measured("heap", h[1], "%", t.heapWarn(), t.heapCrit(), "heap used of maximum"),
                Check.info("disk_read", h[2], "B/s", rate(h[2], "process disk reads")),
                Check.info("disk_write", h[3], "B/s", rate(h[3], "process disk writes")));
    }

    /** A rate's detail, saying why it has no value at a process's first sample. */
    private static String rate(double v, String what) {
        return Double.isNaN(v) ? what + " (not yet measured: a rate needs two samples)" : what;
    }

    private List<Check> database() {
        DatabaseActivity a = new DatabaseActivity(db);
        long margin = a.wraparoundMargin();
        Map<String, Long> conns = a.connectionsByState();
        long total = conns.values().stream().mapToLong(Long::longValue).sum();
        return List.of(
                Check.info("db_size", a.sizeBytes(), "B", "database size"),
                Check.info("db_connections", total, "", DatabaseActivity.describe(conns)),
                Check.measured("long_running", a.longRunning(60).size(), "queries", 1, 5, "running for 60 s or more"),
                Check.measured(
                        "wraparound",
                        100.0 * (2_147_483_647L - margin) / 2_147_483_647L,
                        "%",
                        76.7,
                        90.7,
                        String.format(java.util.Locale.ROOT, "%,d transactions left", margin)));
    }

    private void alert(HealthSnapshot snap) {
        Instant now = snap.at();
        for (Check c : snap.checks()) {
            if (c.verdict() == Verdict.HEALTHY) {
                continue;
            }
            Instant last = lastAlert.get(c.name());
            if (last == null || !now.isBefore(last.plus(cooldown))) {
                lastAlert.put(c.name(), now);
                alerts.accept(c);
            }
        }
    }

    /** Snapshots, oldest first (at most 1,000). */
    public List<HealthSnapshot> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
