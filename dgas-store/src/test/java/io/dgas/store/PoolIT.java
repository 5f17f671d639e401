package io.dgas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.testkit.PostgresExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pool exhaustion and database outages: bounded waits, errors carrying the pool state, recovery by itself. */
class PoolIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path dir;

    private static DatabaseSettings small(String url) {
        return new DatabaseSettings(url, null, null, 1, 1, Duration.ofMillis(300), Duration.ofMinutes(30), true);
    }

    @Test
    void exhaustedPool_callerFailsAfterAcquireTimeoutWithPoolStateThenRecovers() throws Exception {
        ExecutorService holders = Executors.newFixedThreadPool(2);
        try (Database db = Database.open(small(PG.jdbcUrl()), StatementObserver.NONE)) {
            CountDownLatch held = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> f1 = holders.submit(() -> db.withSession(s -> hold(held, release)));
            Future<?> f2 = holders.submit(() -> db.withSession(s -> hold(held, release)));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            assertThatThrownBy(() -> db.query("test.one", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1)))
                    .isInstanceOf(UnableToConnectException.class)
                    .hasMessageContaining("no database connection within 300 ms")
                    .hasMessageContaining("active 2")
                    .hasMessageContaining("max 2");
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(waitedMs).as("bounded by the acquire timeout").isLessThan(5_000);
            assertThat(db.poolStats().timeouts()).isEqualTo(1);

            release.countDown();
            f1.get(10, TimeUnit.SECONDS);
            f2.get(10, TimeUnit.SECONDS);
            assertThat(db.query("test.one", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1)))
                    .containsExactly(1);
            assertThat(db.poolStats().utilisation()).isBetween(0.0, 1.0);
        } finally {
            holders.shutdownNow();
        }
    }

    @Test
    void exhaustedPool_waitersAreServedInArrivalOrder() throws Exception {
        DatabaseSettings one = new DatabaseSettings(
                PG.jdbcUrl(), null, null, 1, 0, Duration.ofSeconds(20), Duration.ofMinutes(30), true);
        int waiters = 4;
        ExecutorService threads = Executors.newFixedThreadPool(waiters + 1);
        try (Database db = Database.open(one, StatementObserver.NONE)) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> holder = threads.submit(() -> db.withSession(s -> hold(held, release)));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            List<Integer> served = new CopyOnWriteArrayList<>();
            List<Future<?>> queued = new ArrayList<>();
            for (int k = 0; k < waiters; k++) {
                int id = k;
                queued.add(threads.submit(() -> db.withSession(s -> served.add(id))));
                awaitWaiting(db, k + 1);
            }

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            for (Future<?> f : queued) {
                f.get(10, TimeUnit.SECONDS);
            }

            assertThat(served).as("first come, first served").containsExactly(0, 1, 2, 3);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Polls (bounded) until {@code n} callers wait for a connection: the order the waiters queued in is then known. */
    private static void awaitWaiting(Database db, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.poolStats().waiting() < n) {
            assertThat(System.nanoTime()).as("caller %d queued", n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void databaseDown_callsFailFastThenServiceResumesWhenItReturns() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = start(port, data);
        try (Database db = Database.open(small(pg.getJdbcUrl("postgres", "postgres")), StatementObserver.NONE)) {
            assertThat(db.query("test.one", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1)))
                    .containsExactly(1);

            pg.close();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> db.query("test.one", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1)))
                        .isInstanceOf(UnableToConnectException.class);
            }

            pg = start(port, data);
            assertThat(firstSuccessWithin(db, java.time.Duration.ofSeconds(15)))
                    .as("the pool serves again once the database is back")
                    .isEqualTo(1);
        } finally {
            pg.close();
        }
    }

    /** Retries a trivial query until it succeeds: the pool must recover without being rebuilt. */
    private static int firstSuccessWithin(Database db, java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                return db.query("test.one", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1))
                        .get(0);
            } catch (UnableToConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static EmbeddedPostgres start(int port, Path data) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
    }

    private static Object hold(CountDownLatch held, CountDownLatch release) {
        held.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
