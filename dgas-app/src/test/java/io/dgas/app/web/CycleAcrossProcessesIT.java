package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cycle.CycleRunningException;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.domain.Timeframe;
import io.dgas.store.SqlSession;
import io.dgas.testkit.PostgresExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers (two application contexts, two pools: two processes as far as the database can tell) on one database:
 * a cycle running in one refuses a cycle in the other, whether asked over HTTP or by the scheduler's tick, and a
 * distributed run whose batches are still out refuses both too.
 */
class CycleAcrossProcessesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path homeA;

    @TempDir
    static Path homeB;

    private static ApiClient a;
    private static ApiClient b;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        a = new ApiClient(homeA, PG.jdbcUrl(), Map.of());
        b = new ApiClient(homeB, PG.jdbcUrl(), Map.of());
        MarketSeed.wave(a.ctx, "XPR", Timeframe.H1, 240, 50);
        MarketSeed.wave(a.ctx, "XPR", Timeframe.H4, 120, 50);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static HttpResponse<String> cycle(ApiClient on) {
        try {
            return on.post("/api/v1/cycle?symbols=XPR", ApiClient.TOKEN, "text/plain", new byte[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether some session holds the cycle lock (key 0x64676173_00000003: classid, objid). */
    private static boolean cycleLockHeld() {
        return b.ctx.database()
                .queryOne(
                        "t",
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = ?"
                                + " AND objid = 3 AND granted)",
                        ps -> ps.setLong(1, 0x64676173L),
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    @Test
    void cycle_whileAnotherProcessRunsOne_409OverHttpAndTheSchedulerTickIsRefused() throws Exception {
        CompletableFuture<HttpResponse<String>> first;
        try (Connection lock = PG.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                // A's cycle takes the cycle lock, then waits on the run table until this transaction ends
                st.execute("LOCK TABLE prediction_runs IN ACCESS EXCLUSIVE MODE");
            }
            first = CompletableFuture.supplyAsync(() -> cycle(a));
            await(CycleAcrossProcessesIT::cycleLockHeld, Duration.ofSeconds(30));

            HttpResponse<String> second = cycle(b);
            SchedulerService scheduler = b.ctx.scheduling().batchesOnly();

            assertThat(b.ctx.cycles().isRunning()).as("B itself runs nothing").isFalse();
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).get("error").asText()).contains("running");
            assertThatThrownBy(() -> scheduler.runOnce(Duration.ofSeconds(5)))
                    .isInstanceOf(CycleRunningException.class);
            lock.rollback();
        }
        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(cycle(b).statusCode()).as("free again once A's cycle ended").isEqualTo(200);
    }

    @Test
    void cycle_whileADistributedRunOfALiveInstanceIsRunning_409UntilItEnds() throws Exception {
        var db = a.ctx.database();
        db.update(
                "t",
                "INSERT INTO scheduler_instances (name, started_at, last_seen) VALUES ('node-live', now(), now())"
                        + " ON CONFLICT (name) DO UPDATE SET last_seen = now()",
                SqlSession.Binder.NONE);
        long run = db.queryOne(
                        "t",
                        "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status, instance,"
                                + " batches_total) VALUES (now(), '4h', '1h', 'running', 'node-live', 2) RETURNING id",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElseThrow();
        try {
            assertThat(cycle(a).statusCode()).isEqualTo(409);
            assertThat(cycle(b).statusCode()).isEqualTo(409);
        } finally {
            db.update(
                    "t",
                    "UPDATE prediction_runs SET status = 'success', finished_at = now() WHERE id = ?",
                    ps -> ps.setLong(1, run));
            db.update("t", "DELETE FROM scheduler_instances WHERE name = 'node-live'", SqlSession.Binder.NONE);
        }
        assertThat(cycle(b).statusCode()).isEqualTo(200);
    }

    private static void await(BooleanSupplier condition, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + max).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
