package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A live peer's own batch task ({@code cycle-batch:node-b}) is a task this instance has no implementation for:
 * db-scheduler deletes every execution of such a task once it has known the name for {@code deleteUnresolvedAfter},
 * 14 days by default, so an instance up for two weeks would delete a peer's batches and leave the run unfinished.
 * The knob reaches db-scheduler, and the default keeps them.
 */
class PeerBatchTasksIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String PEER_TASK = ClusterCycle.BATCH_TASK + ":node-b";

    private final ExecutorService workers = Executors.newFixedThreadPool(1);
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.update("t", "DELETE FROM scheduled_tasks", SqlSession.Binder.NONE);
        // node-b is alive (seen an hour ahead), so node-a does not hand its batch over as an orphan's
        db.update(
                "t",
                "INSERT INTO scheduler_instances (name, started_at, last_seen) VALUES ('node-b', now(), ?)"
                        + " ON CONFLICT (name) DO UPDATE SET last_seen = EXCLUDED.last_seen",
                ps -> ps.setTimestamp(1, Timestamp.from(Instant.now().plus(Duration.ofHours(1)))));
        OneTimeTask<String> peer = Tasks.oneTime(PEER_TASK, String.class).execute((inst, ctx) -> {});
        SchedulerClient.Builder.create(db.dataSource(), peer)
                .build()
                .schedule(peer.instance("run-1-batch-0", "{}"), Instant.now());
    }

    @AfterEach
    void close() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void keepUnresolved_elapsed_deletesThePeersBatch() {
        SchedulerService a = nodeA(Duration.ofMillis(50));
        a.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (peerRows() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } finally {
            a.close();
        }

        assertThat(peerRows()).isZero();
        // deleted, not handed over to anyone as an orphan's batch
        assertThat(rows("task_instance", "run-1-batch-0")).isZero();
    }

    @Test
    void defaultTiming_peersBatchStaysThroughFourTimesWhatDeletedItAbove() {
        // above, a 50 ms keep had the batch deleted within about 0.5 s (the dead-execution check's period)
        SchedulerService a = nodeA(SchedulerService.Timing.KEEP_UNRESOLVED);
        a.start();
        long seen = 0;
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until && peerRows() == 1) {
                seen++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } finally {
            a.close();
        }

        assertThat(peerRows()).isEqualTo(1);
        assertThat(seen).isGreaterThan(10);
        assertThat(SchedulerService.Timing.defaults().keepUnresolved())
                .isEqualTo(SchedulerService.Timing.KEEP_UNRESOLVED);
        // the observation above cannot tell a century from db-scheduler's 14 days: the default itself is what counts
        assertThat(SchedulerService.Timing.KEEP_UNRESOLVED).isGreaterThan(Duration.ofDays(3650));
    }

    private SchedulerService nodeA(Duration keepUnresolved) {
        PredictionCycle cycle = new PredictionCycle(
                db,
                new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults()),
                workers,
                5,
                Clock.systemUTC(),
                "node-a",
                new SimpleMeterRegistry(),
                r -> r);
        ClusterCycle cluster = new ClusterCycle(
                db,
                cycle,
                () -> new CycleRequest(null, Timeframe.H4, Timeframe.H1, 100, Duration.ofDays(3650)),
                ExchangeCalendar.always(),
                Clock.systemUTC(),
                "node-a",
                5);
        return SchedulerService.batchesOnly(
                db,
                cluster,
                "node-a",
                Clock.systemUTC(),
                new SchedulerService.Timing(
                        Duration.ofMillis(100), Duration.ofMillis(250), 4, Duration.ofMillis(200), 1, keepUnresolved));
    }

    /** The scheduled executions whose {@code column} is {@code value}. */
    private long rows(String column, String value) {
        return db.queryOne(
                        "t",
                        "SELECT count(*) FROM scheduled_tasks WHERE " + column + " = ?",
                        ps -> ps.setString(1, value),
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    private long peerRows() {
        return rows("task_name", PEER_TASK);
    }
}
