package io.dgas.store.ingest;

import io.dgas.store.Database;
import io.dgas.store.partition.PartitionStatistics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The transaction of one source's load, made safe to run beside other writers.
 *
 * <ul>
 *   <li>It waits for a lock at most {@code lockTimeout} ({@code SET LOCAL lock_timeout}); a wait that long fails with
 *       a message naming the session holding the lock, and nothing is committed.
 *   <li>A longer-than-a-moment lock wait is told to the {@link IngestProgress} while it lasts ({@link LockWatch}).
 *   <li>A deadlock or serialization failure rolls the whole transaction back and the load runs again from the start
 *       of its source, up to {@link #ATTEMPTS} times in all, after a jittered exponential backoff; every retry is
 *       told to the {@link IngestProgress}. Only the last failure reaches the caller.
 *   <li>Once committed, a bulk load's partitions get their planner statistics ({@link PartitionStatistics}).
 * </ul>
 *
 * <p>Design notes: loads take their locks in one order ({@link LoadLocks}: tickers, symbols, partitions, then bars),
 * so loads of overlapping tickers run one at a time and others wait without a cycle; the retry covers what that
 * order cannot: writers that are not bars loads (a tick load, maintenance creating partitions ahead) and servers
 * running at a stricter isolation level.
 */
final class IngestTransaction {
    /** Attempts in all, the first included. */
    static final int ATTEMPTS = 5;

    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    private static final long BASE_DELAY_MS = 100;

    /** Waits between attempts; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Database db;
    private final Duration lockTimeout;
    private final Sleeper sleeper;
    private final LongUnaryOperator jitter;

    IngestTransaction(Database db, Duration lockTimeout) {
        this(db, lockTimeout, Thread::sleep, d -> ThreadLocalRandom.current().nextLong(d / 2, d * 3 / 2 + 1));
    }

    IngestTransaction(Database db, Duration lockTimeout, Sleeper sleeper, LongUnaryOperator jitter) {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive, was " + lockTimeout);
        }
        this.db = db;
        this.lockTimeout = lockTimeout;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    Database database() {
        return db;
    }

    /**
     * Runs {@code attempt} (one whole load of {@code source}, its own transaction included) until it succeeds, fails
     * for a reason a retry cannot mend, or has failed on deadlocks {@link #ATTEMPTS} times. With {@code restartable}
     * false (a stream that cannot be read again) a deadlock fails at once.
     */
    <T> T retrying(String source, IngestProgress progress, boolean restartable, Supplier<T> attempt) {
        int attempts = restartable ? ATTEMPTS : 1;
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                String why = retryable(e);
                if (why == null) {
                    throw e;
                }
                if (n == attempts) {
                    throw new UnableToIngestException(
                            source + ": " + why + " with a concurrent writer"
                                    + (attempts == 1
                                            ? " (the input cannot be read a second time to retry)"
                                            : " in each of " + attempts + " attempts")
                                    + "; nothing was committed, run it again",
                            e);
                }
                long delay = delay(n);
                progress.retrying(source, why, n + 1, attempts, Duration.ofMillis(delay));
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UnableToIngestException(source + ": interrupted; nothing was committed", e);
                }
            }
        }
    }

    /** The backoff after failed attempt {@code n}: 100 ms, 200 ms, 400 ms, 800 ms, each jittered by ±50 %. */
    long delay(int n) {
        return jitter.applyAsLong(BASE_DELAY_MS << Math.min(n - 1, 10));
    }

    /**
     * Runs {@code work} in one transaction with the lock timeout, watching its lock waits. A lock timeout becomes an
     * {@link UnableToIngestException} naming the blocking session. Once committed, the partitions a bulk load filled
     * ({@code written}: the rows its result says it inserted or updated) are analyzed ({@link PartitionStatistics}).
     */
    <T> T run(String source, IngestProgress progress, ToLongFunction<T> written, Database.SessionCallback<T> work) {
        LockWatch[] watch = new LockWatch[1];
        List<String> stale = new ArrayList<>();
        try {
            T loaded = db.inTransaction(s -> {
                long pid = s.queryOne(
                                "ingest.lock-timeout",
                                "SELECT pg_backend_pid(), set_config('lock_timeout', ?, true)",
                                ps -> ps.setString(1, lockTimeout.toMillis() + "ms"),
                                rs -> rs.getLong(1))
                        .orElseThrow();
                try (LockWatch w = LockWatch.start(db.settings(), pid, source, progress, watchInterval())) {
                    watch[0] = w;
                    T done = work.run(s);
                    stale.addAll(PartitionStatistics.staleOnCommit(s, written.applyAsLong(done)));
                    return done;
                }
            });
            PartitionStatistics.analyze(db, stale);
            return loaded;
        } catch (RuntimeException e) {
            if ("55P03".equals(sqlState(e))) {
                throw lockTimedOut(source, watch[0] == null ? null : watch[0].lastHolder(), e);
            }
            throw e;
        }
    }

    /** A fifth of the lock timeout, between 100 ms and 1 s: several looks at the holder before the timeout trips. */
    Duration watchInterval() {
        long ms = Math.max(100, Math.min(1000, lockTimeout.toMillis() / 5));
        return Duration.ofMillis(ms);
    }

    private UnableToIngestException lockTimedOut(String source, LockHolder holder, RuntimeException e) {
        String who = holder == null ? "another session (it was not seen in time to be named)" : holder.describe();
        String end = holder == null || holder.pid() == 0
                ? ""
                : " End that session (SELECT pg_terminate_backend(" + holder.pid() + ")) or";
        return new UnableToIngestException(
                source + ": gave up after waiting " + shown(lockTimeout)
                        + " for a lock held by " + who + "; nothing was committed." + end
                        + " raise the ingest lock timeout (ingest.lock_timeout) and run it again.",
                e);
    }

    private static String shown(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : LockHolder.seconds(d.toSeconds());
    }

    /** {@code deadlock} or {@code serialization failure} when {@code e} was caused by one, else null. */
    static String retryable(Throwable e) {
        String state = sqlState(e);
        if ("40P01".equals(state)) {
            return "deadlock";
        }
        if ("40001".equals(state)) {
            return "serialization failure";
        }
        return null;
    }

    /** The SQLSTATE of the first {@link SQLException} in {@code e}'s cause chain, or null. */
    static String sqlState(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
