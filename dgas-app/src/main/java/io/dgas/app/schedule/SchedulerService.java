package io.dgas.app.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.dgas.app.cycle.UnableToRunCycleException;
import io.dgas.store.Database;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.RunStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's scheduler: db-scheduler over the shared database with the cycle's recurring and batch tasks, plus a
 * row in {@code scheduler_instances} kept fresh while it runs.
 *
 * <p>Stopping is graceful: no new executions are picked, executions in flight get {@code shutdownMaxWait} to finish,
 * and anything still picked after that is released to the other instances by db-scheduler's dead-execution detection.
 */
public final class SchedulerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    private final Database db;
    private final ClusterCycle cycle;
    private final RunRepository runs;
    private final Duration liveWithin;
    private final Scheduler scheduler;
    private final String name;
    private final Clock clock;
    private final ScheduledExecutorService heartbeat;
    private final Duration heartbeatInterval;
    private final List<AutoCloseable> companions = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Timing knobs; production uses {@link #defaults()}, tests shorten them.
     *
     * @param keepUnresolved how long db-scheduler keeps executions of tasks this instance does not know before it
     *     deletes them all: the other instances' own batch tasks ({@code cycle-batch:<instance>}) are such tasks
     *     here, so db-scheduler's default (14 days from the first sight of the name) would have an instance up for
     *     two weeks delete a peer's batches, picked ones included, and the run would never complete. The batches of
     *     an instance that is gone are handed over by {@link ClusterCycle#rehomeOrphanBatches} instead.
     */
    public record Timing(
            Duration polling,
            Duration heartbeat,
            int missedHeartbeats,
            Duration shutdownMaxWait,
            int threads,
            Duration keepUnresolved) {
        /** Executions of unknown tasks are kept for as long as an instance can live (a century). */
        public static final Duration KEEP_UNRESOLVED = Duration.ofDays(36_525);

        public Timing(
                Duration polling, Duration heartbeat, int missedHeartbeats, Duration shutdownMaxWait, int threads) {
            this(polling, heartbeat, missedHeartbeats, shutdownMaxWait, threads, KEEP_UNRESOLVED);
        }

        /**
         * Polling every 0.5 s: the batches a tick assigns to another instance wait for that instance's next poll (at
         * 2 s a warm cycle of 200 ms took up to 2 s across two instances); a poll is one indexed query.
         */
        public static Timing defaults() {
            return new Timing(Duration.ofMillis(500), Duration.ofSeconds(30), 6, Duration.ofSeconds(30), 2);
        }

        /** An instance last seen longer ago than this is gone. */
        public Duration liveWithin() {
            return heartbeat.multipliedBy(missedHeartbeats);
        }
    }

    /** The daily maintenance task: once a day cluster-wide (the job also holds its own advisory lock). */
    public static final String MAINTENANCE_TASK = "maintenance";

    /**
     * @param maintenance the daily maintenance job (partitions ahead, retention, size snapshots, views, analyze)
     */
    public SchedulerService(
            Database db,
            ClusterCycle cycle,
            Schedule schedule,
            String name,
            Clock clock,
            Timing t,
            Runnable maintenance) {
        this(db, cycle, schedule, name, clock, t, maintenance, List.of());
    }

    /**
     * @param maintenance the daily maintenance job (partitions ahead, retention, size snapshots, views, analyze)
     * @param more further cluster-wide recurring tasks, e.g. {@link StatementSnapshots#task}
     */
    public SchedulerService(
            Database db,
            ClusterCycle cycle,
            Schedule schedule,
            String name,
            Clock clock,
            Timing t,
            Runnable maintenance,
            List<RecurringTask<Void>> more) {
        this(
                db,
                cycle,
                name,
                clock,
                t,
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(
                                        cycle.recurringTask(schedule),
                                        com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring(
                                                        MAINTENANCE_TASK,
                                                        com.github.kagkarlsson.scheduler.task.schedule.Schedules.daily(
                                                                java.time.LocalTime.of(3, 15)))
                                                .execute((inst, ctx) -> maintenance.run())),
                                more.stream())
                        .toList());
    }

    /**
     * An instance that only runs batches (of any run, started by any instance): {@code dgas scheduler start --once}
     * ticks by itself ({@link #runOnce}) and must not also fire the recurring tick, which on a fresh database is due
     * at once and would start a second run.
     */
    public static SchedulerService batchesOnly(Database db, ClusterCycle cycle, String name, Clock clock, Timing t) {
        return new SchedulerService(db, cycle, name, clock, t, List.of());
    }

    private SchedulerService(
            Database db,
            ClusterCycle cycle,
            String name,
            Clock clock,
            Timing t,
            List<RecurringTask<Void>> recurringTasks) {
        this.db = db;
        this.cycle = cycle;
        this.runs = new RunRepository(db);
        this.name = name;
        this.clock = clock;
        this.heartbeatInterval = t.heartbeat();
        this.liveWithin = t.liveWithin();
        this.scheduler = Scheduler.create(db.dataSource(), List.copyOf(cycle.batchTasks()))
                .startTasks(recurringTasks)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(t.polling())
                .heartbeatInterval(t.heartbeat())
                .missedHeartbeatsLimit(t.missedHeartbeats())
                .shutdownMaxWait(t.shutdownMaxWait())
                .threads(t.threads())
                .deleteUnresolvedAfter(t.keepUnresolved())
                .enableImmediateExecution()
                .build();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "dgas-scheduler-instance");
            th.setDaemon(true);
            return th;
        });
    }

    /** Announces this instance, closes runs that dead instances left behind, and starts polling. */
    public void start() {
        announce(true);
        Instant now = clock.instant();
        List<Long> abandoned = runs.abandonOrphans(now, now.minus(liveWithin), ClusterCycle.BATCH_TASK);
        if (!abandoned.isEmpty()) {
            LOG.warn("closed runs {} as abandoned: their instance is gone and no batch of theirs is left", abandoned);
        }
        cycle.rehomeOrphanBatches(now);
        heartbeat.scheduleWithFixedDelay(
                () -> {
                    announce(false);
                    rehome();
                },
                heartbeatInterval.toMillis(),
                heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.start();
    }

    /** Hands batches of instances that are gone to anyone (each beat, so a run never waits for the next tick). */
    private void rehome() {
        try {
            cycle.rehomeOrphanBatches(clock.instant());
        } catch (RuntimeException e) {
            // the database is away; the next beat retries
        }
    }

    private void announce(boolean starting) {
        try {
            Timestamp now = Timestamp.from(clock.instant());
            db.update(
                    "scheduler.announce",
                    "INSERT INTO scheduler_instances (name, started_at, last_seen) VALUES (?, ?,"
                            + " ?) ON CONFLICT (name) DO UPDATE SET last_seen = EXCLUDED.last_seen"
                            + (starting ? ", started_at = EXCLUDED.started_at" : ""),
                    ps -> {
                        ps.setString(1, name);
                        ps.setTimestamp(2, now);
                        ps.setTimestamp(3, now);
                    });
        } catch (RuntimeException e) {
            // the database is away; db-scheduler reports that too, and the next beat retries
        }
    }

    /**
     * Runs one cycle now and waits for it: this instance ticks (records the run, schedules its batches), then the
     * batches run here and on every other instance; returns the finished run, or empty when the exchange calendar
     * says the market is closed (no run). Started instances only.
     *
     * @throws io.dgas.app.cycle.CycleRunningException a cycle is running on the database
     * @throws UnableToRunCycleException when the run has not finished within {@code timeout}
     */
    public Optional<RunRecord> runOnce(Duration timeout) {
        long runId = cycle.tick(scheduler);
        if (runId == 0) {
            return Optional.empty();
        }
        scheduler.triggerCheckForDueExecutions();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            RunRecord r = runs.find(runId).orElseThrow();
            if (r.status() != RunStatus.RUNNING) {
                return Optional.of(r);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new UnableToRunCycleException("run " + runId + " did not finish within " + timeout.toSeconds() + " s");
    }

    public String name() {
        return name;
    }

    /** Closes {@code c} too when this instance stops, after leaving the cluster (e.g. its event listener). */
    public SchedulerService closing(AutoCloseable c) {
        companions.add(c);
        return this;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        scheduler.stop();
        try {
            db.update("scheduler.leave", "DELETE FROM scheduler_instances WHERE name = ?", ps -> ps.setString(1, name));
        } catch (RuntimeException e) {
            // gone with the database: status ages the row out
        }
        for (AutoCloseable c : companions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.getMessage());
            }
        }
    }

    /** When the next cycle is due, or null when none is scheduled. */
    public static Instant nextRun(Database db) {
        return db.queryOne(
                        "scheduler.next",
                        "SELECT execution_time FROM scheduled_tasks WHERE task_name = ?",
                        ps -> ps.setString(1, ClusterCycle.CYCLE_TASK),
                        rs -> rs.getTimestamp(1).toInstant())
                .orElse(null);
    }

    /** A scheduler instance: its name, when it started and when it was last seen. */
    public record Instance(String name, Instant startedAt, Instant lastSeen) {}

    /** Instances seen within {@code within}, by name. */
    public static List<Instance> liveInstances(Database db, Instant now, Duration within) {
        return db.query(
                "scheduler.instances",
                "SELECT name, started_at, last_seen FROM scheduler_instances" + " WHERE last_seen >= ? ORDER BY name",
                ps -> ps.setTimestamp(1, Timestamp.from(now.minus(within))),
                rs -> new Instance(
                        rs.getString(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()));
    }
}
