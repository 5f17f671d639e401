package io.dgas.store.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.UnableToExecuteStatementException;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.L2;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.health.Check;
import io.dgas.store.health.HealthMonitor;
import io.dgas.store.health.HealthSnapshot;
import io.dgas.store.health.Thresholds;
import io.dgas.store.health.Verdict;
import io.dgas.store.optimizer.Finding;
import io.dgas.store.optimizer.OptimizerChecks;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.ReplicaPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read routing against a real streaming replica (a second embedded server): reads go to it only while it is up, a
 * standby, within the lag limit and holding every announced write; otherwise they go to the primary, and no call
 * fails for the replica's sake. Checks are driven by {@link ReplicaRouter#checkNow} and lag by a fake clock.
 */
class ReplicaRoutingFaultIT {
    private static final Duration MAX_LAG = Duration.ofSeconds(10);
    private static ReplicaPair pair;

    private final FakeClock clock = FakeClock.atDefault();
    private Database db;
    private ReplicaRouter router;

    @BeforeAll
    static void startPair() throws Exception {
        pair = ReplicaPair.start();
        try (Database p = Database.open(settings(pair.primaryUrl("postgres")), StatementObserver.NONE)) {
            p.update("t.create", "CREATE TABLE notes (id int PRIMARY KEY, v text)", SqlSession.Binder.NONE);
            p.update("t.seed", "INSERT INTO notes VALUES (1, 'one')", SqlSession.Binder.NONE);
        }
        pair.awaitCaughtUp(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopPair() {
        pair.close();
    }

    @BeforeEach
    void open() throws Exception {
        // the tests before may have written: a replica serves only once it holds what the primary had at the first
        // check
        pair.awaitCaughtUp(Duration.ofSeconds(30));
        db = Database.open(settings(pair.primaryUrl("postgres")), StatementObserver.NONE);
        router = route(pair.replicaUrl("postgres"));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        pair.resumeReplay();
    }

    private ReplicaRouter route(String replicaUrl) {
        ReplicaRouter r = ReplicaRouter.start(
                db,
                List.of(Database.open(settings(replicaUrl), StatementObserver.NONE)),
                MAX_LAG,
                Duration.ofHours(1),
                clock,
                new SimpleMeterRegistry());
        db.route(r);
        r.checkNow();
        return r;
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, null, null, 1, 3, Duration.ofSeconds(1), Duration.ofMinutes(30), true);
    }

    /** Whether the server that serves {@code db}'s sessions now is a standby. */
    private static boolean inRecovery(Database d) {
        return d.queryOne("t.where", "SELECT pg_is_in_recovery()", SqlSession.Binder.NONE, rs -> rs.getBoolean(1))
                .orElseThrow();
    }

    private boolean readServedByReplica() {
        return router.reading(() -> inRecovery(db));
    }

    private long notes(Database d) {
        return d.queryOne("t.count", "SELECT count(*) FROM notes", SqlSession.Binder.NONE, rs -> rs.getLong(1))
                .orElseThrow();
    }

    private HealthSnapshot health() {
        return new HealthMonitor(
                        db, null, QueryCache.NONE, Thresholds.defaults(), clock, Duration.ofMinutes(5), c -> {})
                .evaluateNow();
    }

    /** The optimizer's {@code replication_lag} check as it reads now. */
    private Finding replicationLagCheck() {
        return new OptimizerChecks(db)
                .run(clock.instant(), Duration.ofMinutes(5)).stream()
                        .filter(f -> f.name().equals("replication_lag"))
                        .findFirst()
                        .orElseThrow();
    }

    private ReplicaStatus status() {
        return router.status().get(0);
    }

    private static void await(BooleanSupplier condition, Runnable step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            step.run();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    @Test
    void reading_replicaFit_isServedByTheReplicaAndOtherWorkByThePrimary() {
        assertThat(status().state()).isEqualTo(ReplicaStatus.State.ADMITTED);
        assertThat(readServedByReplica()).isTrue();
        assertThat(inRecovery(db)).as("outside a read").isFalse();
        db.inTransaction(s -> {
            assertThat(inRecovery(db)).as("a transaction outside a read").isFalse();
            return null;
        });
        assertThat(status().reads()).isEqualTo(1);
    }

    @Test
    void cachedRead_afterAnInvalidatingWrite_comesFromThePrimaryUntilTheReplicaHoldsTheWrite() throws Exception {
        CaffeineQueryCache cache = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), L2.NONE);
        cache.routeMisses(router);
        long before = cache.get(RegionSpec.DASHBOARD, "notes:count", () -> notes(db));
        assertThat(status().reads()).as("the miss was read on the replica").isEqualTo(1);

        pair.pauseReplay();
        db.update("t.insert", "INSERT INTO notes VALUES (100, 'new')", SqlSession.Binder.NONE);
        cache.invalidate("notes:*");
        router.checkNow();
        Database replica = Database.open(settings(pair.replicaUrl("postgres")), StatementObserver.NONE);
        try {
            assertThat(notes(replica))
                    .as("the replica does not hold the write yet")
                    .isEqualTo(before);
        } finally {
            replica.close();
        }
        assertThat(cache.get(RegionSpec.DASHBOARD, "notes:count", () -> notes(db)))
                .as("refilled with the write, from the primary")
                .isEqualTo(before + 1);
        assertThat(status().reads()).isEqualTo(1);
        assertThat(readServedByReplica()).as("still behind the write").isFalse();

        pair.resumeReplay();
        pair.awaitCaughtUp(Duration.ofSeconds(30));
        router.checkNow();
        assertThat(readServedByReplica()).isTrue();
        db.update("t.delete", "DELETE FROM notes WHERE id = 100", SqlSession.Binder.NONE);
        cache.invalidate("notes:*");
    }

    @Test
    void reading_replicaStopped_fallsBackToThePrimaryAndTheReplicaIsReadmittedWhenBack() throws Exception {
        assertThat(readServedByReplica()).isTrue();
        pair.stopReplica();
        try {
            assertThat(router.reading(() -> notes(db)))
                    .as("answered by the primary")
                    .isPositive();
            assertThat(status().state()).isEqualTo(ReplicaStatus.State.DOWN);
            assertThat(status().fallbacks()).isEqualTo(1);
            assertThat(readServedByReplica()).as("taken out: not tried again").isFalse();
            assertThat(status().fallbacks()).isEqualTo(1);
            router.checkNow();
            assertThat(status().state()).isEqualTo(ReplicaStatus.State.DOWN);
            assertThat(status().reason()).isNotBlank();
            Finding lag = replicationLagCheck();
            assertThat(lag.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(lag.rows()).contains(List.of(status().name(), "-", "down"));
            assertThat(lag.summary()).endsWith("; 1 of 1 configured replica(s) not serving reads");
        } finally {
            pair.startReplica();
        }
        await(() -> status().serving(), router::checkNow);
        assertThat(readServedByReplica()).isTrue();
    }

    @Test
    void reading_replicaLagsBeyondTheLimit_isTakenOutAndReadmittedOnceCaughtUp() throws Exception {
        pair.pauseReplay();
        db.update("t.insert", "INSERT INTO notes VALUES (200, 'late')", SqlSession.Binder.NONE);
        router.checkNow();
        assertThat(status().state()).as("behind, but not for long yet").isEqualTo(ReplicaStatus.State.ADMITTED);

        clock.advance(Duration.ofSeconds(20));
        router.checkNow();
        assertThat(status().state()).isEqualTo(ReplicaStatus.State.LAGGING);
        assertThat(status().lagSeconds()).isEqualTo(20.0);
        assertThat(status().reason()).isEqualTo("20.0 s behind the primary (limit 10.0 s)");
        assertThat(readServedByReplica()).isFalse();
        Check check = health().checks().stream()
                .filter(c -> c.name().equals("replicas"))
                .findFirst()
                .orElseThrow();
        assertThat(check.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(check.message())
                .isEqualTo("0 of 1 serving reads; " + status().name()
                        + " lagging: 20.0 s behind the primary (limit 10.0 s)");
        Finding lag = replicationLagCheck();
        assertThat(lag.verdict()).as("the same lag as the routing's").isEqualTo(Verdict.WARNING);
        assertThat(lag.rows()).contains(List.of(status().name(), "20.0", "lagging"));

        pair.resumeReplay();
        pair.awaitCaughtUp(Duration.ofSeconds(30));
        router.checkNow();
        assertThat(status().state()).isEqualTo(ReplicaStatus.State.ADMITTED);
        assertThat(status().lagSeconds()).isZero();
        assertThat(readServedByReplica()).isTrue();
        assertThat(health().checks())
                .filteredOn(c -> c.name().equals("replicas"))
                .singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.HEALTHY))
                .satisfies(c -> assertThat(c.message()).isEqualTo("1 of 1 serving reads"));
        // the primary has been idle since the insert (20 s by the clock): caught up, the replica lags by nothing
        clock.advance(Duration.ofSeconds(20));
        router.checkNow();
        Finding caughtUp = replicationLagCheck();
        assertThat(caughtUp.rows()).contains(List.of(status().name(), "0.0", "admitted"));
        assertThat(caughtUp.summary()).doesNotContain("not serving");
        db.update("t.delete", "DELETE FROM notes WHERE id = 200", SqlSession.Binder.NONE);
    }

    @Test
    void reading_workThatWrites_neverCommitsOnTheReplicaAndRunsOnThePrimaryOnce() throws Exception {
        int inserted = router.reading(
                () -> db.update("t.insert", "INSERT INTO notes VALUES (300, 'w')", SqlSession.Binder.NONE));

        assertThat(inserted).isEqualTo(1);
        assertThat(status().fallbacks()).isEqualTo(1);
        assertThat(status().state()).as("the replica stays in").isEqualTo(ReplicaStatus.State.ADMITTED);
        assertThat(db.queryOne(
                                "t.one",
                                "SELECT count(*) FROM notes WHERE id = 300",
                                SqlSession.Binder.NONE,
                                rs -> rs.getLong(1))
                        .orElseThrow())
                .isEqualTo(1);
        db.update("t.delete", "DELETE FROM notes WHERE id = 300", SqlSession.Binder.NONE);
    }

    @Test
    void reading_statementTheServerRejects_isTheCallersFailureAndNotRunAgain() {
        assertThatThrownBy(() -> router.reading(
                        () -> db.query("t.bad", "SELECT * FROM no_such_table", SqlSession.Binder.NONE, rs -> 1)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("no_such_table");
        assertThat(status().fallbacks()).isZero();
        assertThat(status().state()).isEqualTo(ReplicaStatus.State.ADMITTED);
    }

    @Test
    void route_primaryGivenAsAReplica_isNotAStandbyAndNeverServes() {
        db.close();
        db = Database.open(settings(pair.primaryUrl("postgres")), StatementObserver.NONE);
        router = route(pair.primaryUrl("postgres"));

        assertThat(status().state()).isEqualTo(ReplicaStatus.State.NOT_STANDBY);
        assertThat(status().reason()).contains("not in recovery");
        assertThat(readServedByReplica()).isFalse();
    }
}
