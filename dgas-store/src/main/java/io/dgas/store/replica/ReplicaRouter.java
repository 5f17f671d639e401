package io.dgas.store.replica;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read replicas behind a primary (system.md §5): reads inside {@link #reading} go to a replica that is up, a standby,
 * within the lag limit and holds every write announced so far; writes, other work and any read a replica fails go to
 * the primary. Each replica is checked every {@code interval}: one that cannot be reached, is not in recovery or lags
 * more than {@code maxLag} is taken out, and admitted again at the first check that finds it fit.
 *
 * <p>Design notes: a lagging replica must not refill a query cache with what a write has just invalidated (the value
 * would then outlive the write for the entry's TTL), so the caches announce every invalidation, their own and those
 * broadcast by other instances, with {@link #noteWrite}, and a replica serves reads only once it has replayed the
 * primary's WAL as sampled after the newest announcement ({@link WalSamples}): right after a write reads go to the
 * primary, and return to the replicas within about one check interval. Reads on a replica run in a read-only
 * transaction that is rolled back, never committed. A read a replica fails for a reason of its own (unreachable,
 * shutting down, a conflict with its recovery, or a write where a read was expected) runs again on the primary; the
 * same call never fails for a replica's sake. The checks read {@code pg_current_wal_insert_lsn()} on the primary
 * (the insert position covers commits not yet flushed under {@code synchronous_commit = off}) and
 * {@code pg_is_in_recovery(), pg_last_wal_replay_lsn()} on each replica: one small statement each per interval.
 */
public final class ReplicaRouter implements ReadRouting {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRouter.class);
    /** Samples kept: at the default one-second interval, an hour; a replica behind all of them lags at least that. */
    private static final int SAMPLES = 3600;

    private final Database primary;
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final Clock clock;
    private final WalSamples samples = new WalSamples(SAMPLES);
    private final AtomicLong writeMark = new AtomicLong();
    private final AtomicInteger turn = new AtomicInteger();
    private final ThreadLocal<int[]> readDepth = ThreadLocal.withInitial(() -> new int[1]);
    private final ScheduledExecutorService checker;
    private final CountDownLatch checked = new CountDownLatch(1);
    /** Set when closing: a check then interrupted says nothing of the replica, and is neither recorded nor logged. */
    private volatile boolean closed;

    private ReplicaRouter(Database primary, List<Replica> replicas, Duration maxLag, Clock clock) {
        this.primary = primary;
        this.replicas = replicas;
        this.maxLag = maxLag;
        this.clock = clock;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgas-replica-check");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Routes reads of {@code primary} to {@code replicas} (pools this router then owns and closes), checking them
     * every {@code interval} from now on; the first check runs at once, and until a replica passes one it serves
     * nothing. Meters go to {@code registry} when it is not null.
     */
    public static ReplicaRouter start(
            Database primary,
            List<Database> replicas,
            Duration maxLag,
            Duration interval,
            Clock clock,
            MeterRegistry registry) {
        List<Replica> list = new ArrayList<>();
        for (Database r : replicas) {
            list.add(new Replica(r));
        }
        ReplicaRouter router = new ReplicaRouter(primary, List.copyOf(list), maxLag, clock);
        if (registry != null) {
            for (Replica r : router.replicas) {
                Gauge.builder("db.replica.lag.seconds", r, x -> x.lagSeconds)
                        .tag("replica", r.name)
                        .description("How long ago the primary wrote what this replica has not replayed")
                        .register(registry);
                Gauge.builder("db.replica.serving", r, x -> x.state == ReplicaStatus.State.ADMITTED ? 1 : 0)
                        .tag("replica", r.name)
                        .register(registry);
                FunctionCounter.builder("db.replica.reads", r, x -> x.reads.sum())
                        .tag("replica", r.name)
                        .register(registry);
                FunctionCounter.builder("db.replica.fallbacks", r, x -> x.fallbacks.sum())
                        .tag("replica", r.name)
                        .register(registry);
            }
        }
        router.checker.scheduleWithFixedDelay(router::checkSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return router;
    }

    @Override
    public <T> T reading(Supplier<T> work) {
        int[] depth = readDepth.get();
        depth[0]++;
        try {
            return work.get();
        } finally {
            depth[0]--;
        }
    }

    @Override
    public Database replicaForRead() {
        if (readDepth.get()[0] == 0) {
            return null;
        }
        long mark = writeMark.get();
        int n = replicas.size();
        int first = Math.floorMod(turn.getAndIncrement(), n);
        for (int k = 0; k < n; k++) {
            Replica r = replicas.get((first + k) % n);
            if (r.state == ReplicaStatus.State.ADMITTED && r.coveredMark >= mark) {
                r.reads.increment();
                return r.db;
            }
        }
        return null;
    }

    @Override
    public boolean fallBack(Database replica, RuntimeException failure) {
        ReplicaFaults.Kind kind = ReplicaFaults.classify(failure);
        if (kind == ReplicaFaults.Kind.CALLER) {
            return false;
        }
        for (Replica r : replicas) {
            if (r.db == replica) {
                r.reads.decrement(); // counted when it was picked, but it did not serve this read
                r.fallbacks.increment();
                String why = ReplicaFaults.rootMessage(failure);
                if (kind == ReplicaFaults.Kind.DOWN) {
                    r.set(ReplicaStatus.State.DOWN, Double.NaN, why, r.coveredMark);
                } else {
                    LOG.warn("a read on replica {} ran again on the primary: {}", r.name, why);
                }
            }
        }
        return true;
    }

    @Override
    public void noteWrite() {
        writeMark.incrementAndGet();
    }

    @Override
    public List<Database> replicas() {
        return replicas.stream().map(r -> r.db).toList();
    }

    @Override
    public List<ReplicaStatus> status() {
        List<ReplicaStatus> out = new ArrayList<>();
        for (Replica r : replicas) {
            out.add(r.status());
        }
        return out;
    }

    @Override
    public List<ReplicaStatus> status(Duration max) {
        try {
            checked.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status();
    }

    /** Checks the primary's position and every replica now, on the caller's thread (the schedule goes on). */
    public synchronized void checkNow() {
        long mark = writeMark.get();
        try {
            String at = primary.queryOne(
                            "replica.primary-position",
                            "SELECT pg_current_wal_insert_lsn()::text",
                            SqlSession.Binder.NONE,
                            rs -> rs.getString(1))
                    .orElseThrow();
            samples.add(mark, WalSamples.parseLsn(at), clock.millis());
        } catch (RuntimeException e) {
            // without a fresh sample replicas are judged on the ones before: a write announced since is not covered
            LOG.debug("replica check could not read the primary's WAL position: {}", e.getMessage());
        }
        for (Replica r : replicas) {
            check(r);
        }
        checked.countDown();
    }

    private void checkSafely() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("replica check failed: {}", e.getMessage());
        }
    }

    private void check(Replica r) {
        r.checkedAt = clock.instant();
        Object[] row;
        try {
            row = r.db.queryOne(
                            "replica.replay-position",
                            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text",
                            SqlSession.Binder.NONE,
                            rs -> new Object[] {rs.getBoolean(1), rs.getString(2)})
                    .orElseThrow();
        } catch (RuntimeException e) {
            if (!closed) {
                r.set(ReplicaStatus.State.DOWN, Double.NaN, ReplicaFaults.rootMessage(e), r.coveredMark);
            }
            return;
        }
        if (!(Boolean) row[0]) {
            r.set(ReplicaStatus.State.NOT_STANDBY, Double.NaN, "not in recovery: a primary, not a replica", -1);
            return;
        }
        if (row[1] == null) {
            r.set(ReplicaStatus.State.LAGGING, Double.NaN, "has replayed no WAL yet", -1);
            return;
        }
        long replayed = WalSamples.parseLsn((String) row[1]);
        long lag = samples.lagMillis(replayed, clock.millis());
        long covered = samples.coveredMark(replayed);
        if (lag < 0) {
            r.set(ReplicaStatus.State.STARTING, Double.NaN, "the primary's position is not known yet", covered);
        } else if (lag > maxLag.toMillis()) {
            r.set(
                    ReplicaStatus.State.LAGGING,
                    lag / 1000.0,
                    String.format(
                            Locale.ROOT,
                            "%.1f s behind the primary (limit %.1f s)",
                            lag / 1000.0,
                            maxLag.toMillis() / 1000.0),
                    covered);
        } else {
            r.set(ReplicaStatus.State.ADMITTED, lag / 1000.0, "", covered);
        }
    }

    @Override
    public void close() {
        closed = true;
        checker.shutdownNow();
        try {
            checker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.forEach(r -> r.db.close());
    }

    /** One replica's pool and state; fields written by the checker (and failed reads), read by routing. */
    private static final class Replica {
        final Database db;
        final String name;
        final LongAdder reads = new LongAdder();
        final LongAdder fallbacks = new LongAdder();
        volatile ReplicaStatus.State state = ReplicaStatus.State.STARTING;
        volatile double lagSeconds = Double.NaN;
        volatile String reason = "not checked yet";
        volatile long coveredMark = -1;
        volatile Instant checkedAt;

        Replica(Database db) {
            this.db = db;
            this.name = db.settings().safeUrl();
        }

        synchronized void set(ReplicaStatus.State next, double lag, String why, long covered) {
            ReplicaStatus.State was = state;
            coveredMark = covered;
            lagSeconds = lag;
            reason = why;
            state = next;
            if (was != next) {
                // a first admission is what is expected, and every CLI command makes one: news only at DEBUG
                if (next == ReplicaStatus.State.ADMITTED && was == ReplicaStatus.State.STARTING) {
                    LOG.debug("replica {} serves reads", name);
                } else if (next == ReplicaStatus.State.ADMITTED) {
                    LOG.info("replica {} serves reads again", name);
                } else if (next != ReplicaStatus.State.STARTING) {
                    LOG.warn("replica {} is {}, reads go to the primary: {}", name, next.code(), why);
                }
            }
        }

        ReplicaStatus status() {
            return new ReplicaStatus(name, state, lagSeconds, reason, reads.sum(), fallbacks.sum(), checkedAt);
        }
    }
}
