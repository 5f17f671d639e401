package io.dgas.store.runs;

import io.dgas.store.Database;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One prediction cycle at a time on a database, whichever process starts it.
 *
 * <p>Design notes: a session-level advisory lock ({@code pg_try_advisory_lock}) held on one pooled connection for as
 * long as the work runs makes starting a cycle a cluster-wide critical section; PostgreSQL releases it when the holder's
 * connection ends, so a process that dies never leaves it held. A distributed run outlives the tick that started it
 * (its batches run later, on any instance), so under the lock the run table is asked too: a run still
 * {@code running} counts while its instance is live or it has batches left to run, the same test (inverted) by which
 * {@link RunRepository#abandonOrphans} closes the runs nobody can finish.
 */
public final class CycleLock {
    static final long LOCK_KEY = 0x64676173_00000003L;

    private final Database db;
    private final String batchTask;
    private final Duration liveWithin;

    /**
     * @param batchTask db-scheduler's task name of a distributed run's batches (an instance's own
     *     batches are {@code batchTask:<instance>})
     * @param liveWithin an instance seen within this is alive (its scheduler heartbeat times the missed beats allowed)
     */
    public CycleLock(Database db, String batchTask, Duration liveWithin) {
        this.db = db;
        this.batchTask = batchTask;
        this.liveWithin = liveWithin;
    }

    /**
     * Runs {@code work} holding the lock; empty, without running it, when another session holds the lock or a
     * distributed run is still in progress.
     */
    public <T> Optional<T> tryExclusively(Supplier<T> work) {
        return db.withSession(s -> {
            boolean locked = s.queryOne(
                            "cycle.lock",
                            "SELECT pg_try_advisory_lock(?)",
                            ps -> ps.setLong(1, LOCK_KEY),
                            rs -> rs.getBoolean(1))
                    .orElse(false);
            if (!locked) {
                return Optional.empty();
            }
            try {
                boolean inProgress = s.queryOne(
                                "cycle.in-progress",
                                "SELECT EXISTS (SELECT 1 FROM prediction_runs r WHERE r.status = 'running' AND"
                                        + " (EXISTS (SELECT 1 FROM scheduler_instances i WHERE i.name = r.instance"
                                        + " AND i.last_seen >= now() - ?::interval) OR EXISTS (SELECT 1 FROM"
                                        + " scheduled_tasks t WHERE (t.task_name = ? OR t.task_name LIKE ? || ':%')"
                                        + " AND t.task_instance LIKE r.id || '-%')))",
                                ps -> {
                                    ps.setString(1, liveWithin.toMillis() + " milliseconds");
                                    ps.setString(2, batchTask);
                                    ps.setString(3, batchTask);
                                },
                                rs -> rs.getBoolean(1))
                        .orElse(false);
                return inProgress ? Optional.<T>empty() : Optional.of(work.get());
            } finally {
                s.queryOne(
                        "cycle.unlock",
                        "SELECT pg_advisory_unlock(?)",
                        ps -> ps.setLong(1, LOCK_KEY),
                        rs -> rs.getBoolean(1));
            }
        });
    }
}
