package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.web.WebServer;
import io.dgas.store.SqlSession;
import io.dgas.store.migrate.Migrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 clients read through {@code dgas serve} while the pool is exhausted, then while PostgreSQL is stopped and started
 * again on the same data directory and port: every answer is a 200 or a clear 503 with Retry-After (no 500, no hang),
 * the p99 wait stays within the acquire timeout + 10 %, and reads succeed again within 5 s of the restart.
 */
class DatabaseOutageFaultIT {
    private static final int CLIENTS = 32;
    private static final int POOL_MAX = 4;
    private static final Duration ACQUIRE = Duration.ofSeconds(2);
    private static final long BOUND_MS = ACQUIRE.toMillis() * 110 / 100;
    private static final Duration RECOVERY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    /** One answer as a client saw it; status -1 when none came. */
    record Answer(long startNs, long endNs, int status, boolean retryAfter) {
        long millis() {
            return (endNs - startNs) / 1_000_000;
        }

        boolean endedWithin(long fromNs, long toNs) {
            return endNs >= fromNs && endNs <= toNs;
        }
    }

    @Test
    void health_poolExhaustedThenDatabaseRestarted_answers200Or503InBoundedTimeAndRecovers() throws Exception {
        Path data = dir.resolve("pg");
        int pgPort = freePort();
        EmbeddedPostgres pg = postgres(data, pgPort);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + POOL_MAX);
        migrate(pg.getJdbcUrl("postgres", "postgres"));
        try (AppContext ctx = new AppContext(config(pg.getJdbcUrl("postgres", "postgres")), Clock.systemUTC());
                WebServer server = WebServer.start(ctx, "127.0.0.1", 0, "t0ken")) {
            URL health =
                    URI.create("http://127.0.0.1:" + server.port() + "/health").toURL();
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(threads.submit(() -> hammer(health, running)));
            }
            // warm-up (JIT, the first connections) is not measured
            await(a -> a.status() == 200, 100, System.nanoTime(), Duration.ofSeconds(60));
            long warm = System.nanoTime();
            await(a -> a.status() == 200 && a.startNs() >= warm, 100, warm, Duration.ofSeconds(30));

            // the pool exhausted: statements hold every connection for 2.5 acquire timeouts
            long exhaustStart = System.nanoTime();
            List<Future<?>> holders = new ArrayList<>();
            String hold = "SELECT pg_sleep(" + ACQUIRE.toMillis() * 2.5 / 1000 + ")";
            for (int i = 0; i < POOL_MAX; i++) {
                holders.add(threads.submit(
                        () -> ctx.database().query("fault.hold", hold, SqlSession.Binder.NONE, rs -> 1)));
            }
            for (Future<?> h : holders) {
                h.get(60, TimeUnit.SECONDS);
            }
            long exhaustEnd = System.nanoTime();

            // PostgreSQL stopped (fast shutdown) under load and left down for two rounds of answers
            long stopStart = System.nanoTime();
            pg.close();
            long stopped = System.nanoTime();
            await(a -> a.startNs() > stopped, 2 * CLIENTS, stopped, Duration.ofSeconds(60));

            // started again on the same data directory and port
            long restartStart = System.nanoTime();
            pg = postgres(data, pgPort);
            long restarted = System.nanoTime();
            Predicate<Answer> okAfterRestart = a -> a.status() == 200 && a.startNs() >= restarted;
            Answer firstOk = await(okAfterRestart, 1, restarted, Duration.ofSeconds(60));
            await(okAfterRestart, 100, firstOk.endNs(), Duration.ofSeconds(30));
            running.set(false);
            for (Future<?> c : clients) {
                c.get(60, TimeUnit.SECONDS);
            }

            List<Answer> all = answers.stream().filter(a -> a.startNs() >= warm).toList();
            long ok = count(all, a -> a.status() == 200);
            long unavailable = count(all, a -> a.status() == 503);
            long withRetryAfter = count(all, a -> a.status() == 503 && a.retryAfter());
            long exhausted503 = count(all, a -> a.status() == 503 && a.endedWithin(exhaustStart, exhaustEnd));
            long outage503 = count(all, a -> a.status() == 503 && a.endedWithin(stopStart, restartStart));
            long[] ms = all.stream().mapToLong(Answer::millis).sorted().toArray();
            long p99 = ms[(int) Math.ceil(ms.length * 0.99) - 1];
            Duration recovery = Duration.ofNanos(firstOk.endNs() - restarted);
            System.out.printf(
                    "DatabaseOutageFaultIT: %d clients, pool %d, acquire timeout %d ms: %d answers, 200=%d, 503=%d"
                            + " (Retry-After on %d), other=%d; latency p50 %d ms, p99 %d ms, max %d ms, %d over %d ms;"
                            + " 503 while exhausted %d, while down %d; stop took %d ms, restart %d ms;"
                            + " first 200 %d ms after the restart%n",
                    CLIENTS,
                    POOL_MAX,
                    ACQUIRE.toMillis(),
                    all.size(),
                    ok,
                    unavailable,
                    withRetryAfter,
                    all.size() - ok - unavailable,
                    ms[ms.length / 2],
                    p99,
                    ms[ms.length - 1],
                    count(all, a -> a.millis() > BOUND_MS),
                    BOUND_MS,
                    exhausted503,
                    outage503,
                    (stopped - stopStart) / 1_000_000,
                    (restarted - restartStart) / 1_000_000,
                    recovery.toMillis());

            assertThat(all).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
            assertThat(withRetryAfter).isEqualTo(unavailable);
            assertThat(exhausted503).as("503s while the pool is exhausted").isPositive();
            assertThat(outage503).as("503s while the database is down").isPositive();
            assertThat(p99).isLessThanOrEqualTo(BOUND_MS);
            assertThat(recovery).isLessThanOrEqualTo(RECOVERY);
        } finally {
            running.set(false);
            threads.shutdownNow();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            pg.close();
        }
    }

    /** The schema a server needs: an external database without it is refused ({@code dgas db migrate} first). */
    private void migrate(String url) {
        try (AppContext ctx = new AppContext(config(url), Clock.systemUTC())) {
            ctx.acceptAnySchema();
            new Migrator(ctx.database()).migrate();
        }
    }

    private DgasConfig config(String url) {
        return new ConfigLoader(Map.of("DGAS_HOME", dir.toString()), dir)
                .load(
                        null,
                        Map.of(
                                "database.url",
                                url,
                                "database.pool_size",
                                "2",
                                "database.max_overflow",
                                Integer.toString(POOL_MAX - 2),
                                "database.pool_timeout",
                                Long.toString(ACQUIRE.toSeconds()),
                                "monitor.health.enabled",
                                "false"),
                        Map.of());
    }

    /** One client: requests back to back until told to stop. */
    private void hammer(URL url, AtomicBoolean running) {
        while (running.get()) {
            long start = System.nanoTime();
            int status;
            boolean retryAfter = false;
            try {
                HttpURLConnection c = (HttpURLConnection) url.openConnection();
                c.setConnectTimeout(5_000);
                c.setReadTimeout(30_000);
                status = c.getResponseCode();
                retryAfter = c.getHeaderField("Retry-After") != null;
                try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (body != null) {
                        body.readAllBytes(); // to the end, so that the connection is kept alive and reused
                    }
                }
            } catch (IOException e) {
                status = -1;
            }
            answers.add(new Answer(start, System.nanoTime(), status, retryAfter));
        }
    }

    /** Polls until {@code n} answers match, failing {@code deadline} after {@code fromNs}; returns the first. */
    private Answer await(Predicate<Answer> matching, int n, long fromNs, Duration deadline)
            throws InterruptedException {
        long end = fromNs + deadline.toNanos();
        while (System.nanoTime() < end) {
            List<Answer> hits = answers.stream().filter(matching).toList();
            if (hits.size() >= n) {
                return hits.stream()
                        .min(Comparator.comparingLong(Answer::endNs))
                        .orElseThrow();
            }
            TimeUnit.MILLISECONDS.sleep(20); // poll interval
        }
        throw new AssertionError("fewer than " + n + " matching answers within " + deadline + " (" + answers.size()
                + " answers in all)");
    }

    private static long count(List<Answer> all, Predicate<Answer> matching) {
        return all.stream().filter(matching).count();
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
