package io.dgas.app.schedule;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.dgas.store.Database;
import io.dgas.store.monitor.PgStatStatements;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pg_stat_statements} snapshot job of {@code dgas serve}: every interval the live counters go into
 * {@code query_stat_snapshots} (and snapshots past {@link PgStatStatements#KEEP} go), so a look-back window is a
 * difference of stored snapshots across restarts and instances. With the scheduler it is a cluster-wide recurring
 * task (once per interval whatever the number of instances); without, a local timer.
 */
public final class StatementSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(StatementSnapshots.class);

    /** The recurring task's name in {@code scheduled_tasks}. */
    public static final String TASK = "statement-snapshots";

    private final PgStatStatements pss;
    private final Clock clock;

    public StatementSnapshots(Database db, Clock clock) {
        this.pss = new PgStatStatements(db);
        this.clock = clock;
    }

    /** Takes one snapshot now; a failure is logged, never thrown, so the next interval tries again. */
    public void run() {
        try {
            int rows = pss.record(clock.instant());
            LOG.debug("statement snapshot: {} statements", rows);
        } catch (RuntimeException e) {
            LOG.warn("statement snapshot failed ({}); the next interval retries", e.getMessage());
        }
    }

    /** The cluster-wide recurring task, first due one interval after it is first registered. */
    public RecurringTask<Void> task(Duration every) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(every)).execute((inst, ctx) -> run());
    }

    /** A local timer for a server without the scheduler; closing it stops the timer. */
    public AutoCloseable startLocal(Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgas-statement-snapshots");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
