package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalysis;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.cycle.SymbolOutcome;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.runs.RunStatus;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two scheduler instances (separate pools) on one database: each tick runs once cluster-wide, batches spread over
 * both, and when one instance dies holding a batch the other completes the run.
 */
class ClusterCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final SchedulerService.Timing FAST =
            new SchedulerService.Timing(Duration.ofMillis(100), Duration.ofMillis(250), 4, Duration.ofMillis(200), 2);

    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    private record Instance(Database db, ClusterCycle cluster, SchedulerService scheduler) {}

    private Instance instance(String name, SymbolAnalysis analysis, Duration interval) {
        Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        PredictionCycle cycle = new PredictionCycle(
                db, analysis, workers, 5, Clock.systemUTC(), name, new SimpleMeterRegistry(), r -> r);
        ClusterCycle cluster = new ClusterCycle(
                db,
                cycle,
                () -> new CycleRequest(null, Timeframe.H4, Timeframe.H1, 100, Duration.ofDays(3650)),
                ExchangeCalendar.always(),
                Clock.systemUTC(),
                name,
                5);
        return new Instance(
                db,
                cluster,
                new SchedulerService(db, cluster, FixedDelay.of(interval), name, Clock.systemUTC(), FAST, () -> {}));
    }

    private static long scalar(Database db, String sql) {
        return db.queryOne("t", sql, SqlSession.Binder.NONE, rs -> rs.getLong(1))
                .orElse(0L);
    }

    private static void seed() {
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            if (scalar(db, "SELECT count(*) FROM symbols") == 0) {
                new BarIngestor(db, IngestListener.NONE)
                        .ingest(
                                "synthetic",
                                new SyntheticBars(30, 120, Timeframe.H1, Instant.now(), 3),
                                null,
                                IngestOptions.defaults().withCreateSymbols(true));
            }
            db.update("t", "DELETE FROM scheduled_tasks", SqlSession.Binder.NONE);
        }
    }

    @Test
    void twoInstances_severalTicks_eachRunOnceWithBatchesOnBoth() {
        seed();
        SymbolAnalysis real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        Instance a = instance("node-a", slowed(real), Duration.ofMillis(700));
        Instance b = instance("node-b", slowed(real), Duration.ofMillis(700));
        long before = scalar(a.db(), "SELECT count(*) FROM prediction_runs");
        try {
            a.scheduler().start();
            b.scheduler().start();
            await(
                    () -> scalar(a.db(), "SELECT count(*) FROM prediction_runs WHERE status <> 'running'")
                            >= before + 3,
                    Duration.ofSeconds(60));
        } finally {
            a.scheduler().close();
            b.scheduler().close();
        }
        try (Database db = a.db()) {
            assertThat(scalar(
                            db,
                            "SELECT count(*) FROM prediction_runs WHERE status = 'success'"
                                    + " AND batches_done = batches_total AND batches_total = 6"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(scalar(
                            db,
                            "SELECT count(*) FROM (SELECT started_at FROM prediction_runs GROUP BY 1"
                                    + " HAVING count(*) > 1) d"))
                    .as("no tick ran twice")
                    .isZero();
            assertThat(scalar(db, "SELECT count(DISTINCT instance) FROM cycle_batch_results"))
                    .as("batches ran on both instances")
                    .isEqualTo(2);
            assertThat(scalar(
                            db,
                            "SELECT count(*) FROM prediction_runs r WHERE status <> 'running'"
                                    + " AND symbols_processed <> 30"))
                    .isZero();
        } finally {
            b.db().close();
            workers.shutdownNow();
        }
    }

    @Test
    void instanceDiesHoldingABatch_otherInstanceCompletesTheRun() {
        seed();
        SymbolAnalysis real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        CountDownLatch stuck = new CountDownLatch(1);
        SymbolAnalysis hangs = (s, t, h, tf, asOf, stale) -> {
            stuck.countDown();
            LockSupport.park(); // never returns: this instance is about to die
            return new SymbolOutcome(s, null, false, "unreachable");
        };
        Instance dying = instance("node-dying", hangs, Duration.ofHours(1));
        long runs = scalar(dying.db(), "SELECT coalesce(max(id), 0) FROM prediction_runs");
        dying.scheduler().start(); // a fresh recurring task is due at once: the first tick runs on start
        try {
            assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // its tick has finished and rescheduled itself: only batches are held when it dies
        await(
                () -> scalar(
                                dying.db(),
                                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'prediction-cycle'"
                                        + " AND NOT picked")
                        == 1,
                Duration.ofSeconds(30));
        // the process "dies": its pool goes away (it can neither heartbeat nor finish), then its scheduler stops
        dying.db().close();
        dying.scheduler().close();

        Instance survivor = instance("node-survivor", real, Duration.ofHours(1));
        long run = scalar(
                survivor.db(),
                "SELECT max(id) FROM prediction_runs WHERE instance = 'node-dying'" + " AND id > " + runs);
        survivor.scheduler().start();
        try {
            await(
                    () -> scalar(
                                    survivor.db(),
                                    "SELECT count(*) FROM prediction_runs WHERE status = 'success'" + " AND id = "
                                            + run)
                            == 1,
                    Duration.ofSeconds(60));
            assertThat(survivor.db()
                            .query(
                                    "t",
                                    "SELECT batch_no || ':' || instance FROM cycle_batch_results WHERE run_id = ?"
                                            + " ORDER BY batch_no",
                                    ps -> ps.setLong(1, run),
                                    rs -> rs.getString(1)))
                    .as("every batch of the dead instance's run completed by the survivor")
                    .containsExactly(
                            "0:node-survivor",
                            "1:node-survivor",
                            "2:node-survivor",
                            "3:node-survivor",
                            "4:node-survivor",
                            "5:node-survivor");
        } finally {
            survivor.scheduler().close();
            survivor.db().close();
            workers.shutdownNow();
        }
    }

    @Test
    void runOnce_repeatedOnAFreshScheduleTable_eachRecordsExactlyOneFinishedRun() {
        seed();
        SymbolAnalysis real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        Instance node = instance("node-once", real, Duration.ofHours(1));
        try {
            for (int i = 0; i < 5; i++) {
                long before = scalar(node.db(), "SELECT count(*) FROM prediction_runs");
                // a fresh table each time: the recurring tick of a full instance would be due at once and race
                node.db().update("t", "DELETE FROM scheduled_tasks", SqlSession.Binder.NONE);
                try (SchedulerService once =
                        SchedulerService.batchesOnly(node.db(), node.cluster(), "node-once", Clock.systemUTC(), FAST)) {
                    once.start();
                    var run = once.runOnce(Duration.ofSeconds(60)).orElseThrow();
                    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
                    assertThat(run.processed()).isEqualTo(30);
                    assertThat(io.dgas.app.cycle.SignalSettings.line(run.settings()))
                            .as("the parameters the run analysed with")
                            .isEqualTo("defaults");
                }
                assertThat(scalar(node.db(), "SELECT count(*) FROM prediction_runs"))
                        .as("round " + i + ": one run, no second tick")
                        .isEqualTo(before + 1);
            }
        } finally {
            node.db().close();
            workers.shutdownNow();
        }
    }

    @Test
    void start_runLeftRunningByADeadInstance_isClosedAsAbandonedUnlessBatchesRemain() {
        seed();
        SymbolAnalysis real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        Instance node = instance("node-next", real, Duration.ofHours(1));
        Database db = node.db();
        long orphan = insertRunning(db, "node-dead:1");
        long resumable = insertRunning(db, "node-dead:2");
        db.update(
                "t",
                "INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                        + " VALUES ('cycle-batch', ?, now() + interval '1 hour', false, 1)",
                ps -> ps.setString(1, resumable + "-0"));
        // batches only: a full instance would also tick at once and leave a run of its own behind
        SchedulerService next = SchedulerService.batchesOnly(db, node.cluster(), "node-next", Clock.systemUTC(), FAST);
        try {
            next.start();
            assertThat(status(db, orphan)).isEqualTo("abandoned");
            assertThat(status(db, resumable)).as("its batch is still scheduled").isEqualTo("running");
        } finally {
            next.close();
            db.update("t", "DELETE FROM scheduled_tasks", SqlSession.Binder.NONE);
            // the other tests count finished runs: leave none of these behind
            db.update("t", "DELETE FROM prediction_runs WHERE instance LIKE 'node-dead:%'", SqlSession.Binder.NONE);
            db.close();
            workers.shutdownNow();
        }
    }

    private static long insertRunning(Database db, String instance) {
        return db.queryOne(
                        "t",
                        "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status, instance,"
                                + " batches_total) VALUES (now() - interval '1 hour', '4h', '1h', 'running', ?, 2)"
                                + " RETURNING id",
                        ps -> ps.setString(1, instance),
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    private static String status(Database db, long run) {
        return db.queryOne(
                        "t",
                        "SELECT status FROM prediction_runs WHERE id = ?",
                        ps -> ps.setLong(1, run),
                        rs -> rs.getString(1))
                .orElseThrow();
    }

    /** Slows each symbol a little so that batches overlap and both instances get some. */
    private static SymbolAnalysis slowed(SymbolAnalysis real) {
        return (s, t, h, tf, asOf, stale) -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            return real.analyze(s, t, h, tf, asOf, stale);
        };
    }

    /** Polls a condition that other threads make true (scheduler ticks), failing after {@code max}. */
    private static void await(BooleanSupplier condition, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + max).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }
}
