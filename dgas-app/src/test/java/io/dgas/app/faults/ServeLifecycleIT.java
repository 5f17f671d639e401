package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas serve} as the long-running process, run as a child {@code java -jar dgas.jar serve}: it joins the
 * cluster scheduler (a cycle runs on the cluster schedule), snapshots {@code pg_stat_statements} on its interval, and
 * on SIGTERM finishes the request in flight before it exits and leaves {@code scheduler_instances}.
 */
class ServeLifecycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @Test
    void serve_sigtermDuringRequest_finishesItLeavesTheClusterAndExits() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("INSERT INTO symbols (ticker) VALUES ('AAPL')");
        }
        int port = freePort();
        DgasProcess serve = DgasProcess.start(
                dir,
                Map.of(
                        "DGAS_SCHEDULER_INTERVAL", "3600",
                        "DGAS_SCHEDULER_WEEKDAYS_ONLY", "false",
                        "DGAS_MONITOR_STATEMENTS_SNAPSHOT_INTERVAL", "1"),
                "--db-url",
                PG.jdbcUrl(),
                "serve",
                "--port",
                Integer.toString(port));
        try (Connection c = PG.connect()) {
            // joined the cluster: its instance row, a cycle run on the cluster schedule, a statement snapshot
            serve.await(
                    WAIT,
                    () -> DgasProcess.count(c, "SELECT count(*) FROM scheduler_instances") == 1,
                    "scheduler instance row");
            serve.await(
                    WAIT,
                    () -> DgasProcess.count(c, "SELECT count(*) FROM prediction_runs WHERE status <> 'running'") >= 1,
                    "a finished run");
            serve.await(
                    WAIT,
                    () -> DgasProcess.count(c, "SELECT count(*) FROM query_stat_snapshots") > 0,
                    "a statement snapshot");

            // a request held in flight by a lock on bars
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE bars IN ACCESS EXCLUSIVE MODE");
            }
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/bars/AAPL?interval=1d"))
                            .timeout(WAIT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            try (Connection watcher = PG.connect()) {
                serve.await(
                        WAIT,
                        () -> DgasProcess.count(
                                        watcher,
                                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                                + " AND query LIKE '%dgas:bars.last-n %'")
                                > 0,
                        "the request waiting on the lock");
            }

            serve.terminate();
            serve.await(WAIT, () -> !accepts(port), "the server to stop accepting");
            assertThat(inFlight).as("still held by the lock").isNotDone();
            c.commit();

            HttpResponse<String> response = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"symbol\":\"AAPL\"");
            // 143 = 128 + SIGTERM: a JVM stopped by a signal exits so once its shutdown hooks are done
            assertThat(serve.waitFor(WAIT)).as(serve.stderr()).isIn(0, 143);
            c.setAutoCommit(true);
            assertThat(DgasProcess.count(c, "SELECT count(*) FROM scheduler_instances"))
                    .isZero();
        }
        String log = serve.stdout() + serve.stderr();
        assertThat(log)
                .containsSubsequence(
                        "stopping: web server", "stopping: scheduler", "stopping: health monitor and pools", "stopped")
                // an external database: no embedded one to stop (the log named one)
                .doesNotContain("embedded database");
    }

    @Test
    void serve_anotherServersJobsLeftRunning_requeuedAndRunHere_theOneOutOfAttemptsAbandoned() throws Exception {
        String request = io.dgas.app.Json.API.writeValueAsString(new io.dgas.app.evaluate.SignalEvaluation.Request(
                java.util.List.of("AAPL"),
                java.time.Instant.parse("2020-01-01T00:00:00Z"),
                java.time.Instant.parse("2026-01-01T00:00:00Z"),
                io.dgas.domain.Timeframe.W1,
                io.dgas.domain.Timeframe.D1,
                io.dgas.calc.drummond.SignalParams.defaults(),
                0));
        try (Connection c = PG.connect();
                java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (kind, instance, state, request,"
                        + " attempts, created_at, started_at, updated_at) VALUES ('evaluation', 'gone:1', 'running',"
                        + " ?::json, ?, now() - interval '10 minutes', now() - interval '10 minutes',"
                        + " now() - interval '5 minutes')")) {
            ps.setString(1, request);
            ps.setInt(2, 1);
            ps.execute();
            ps.setInt(2, io.dgas.app.jobs.JobService.MAX_ATTEMPTS);
            ps.execute();
        }
        DgasProcess serve = DgasProcess.start(
                dir,
                Map.of(),
                "--db-url",
                PG.jdbcUrl(),
                "serve",
                "--no-scheduler",
                "--port",
                Integer.toString(freePort()));
        try (Connection c = PG.connect()) {
            // the request read back and run to its end by this server, whatever the data gives (an answer or an error)
            serve.await(
                    WAIT,
                    () -> DgasProcess.count(
                                    c,
                                    "SELECT count(*) FROM jobs WHERE attempts = 2 AND instance <> 'gone:1'"
                                            + " AND state IN ('succeeded', 'failed')")
                            > 0,
                    "the dead server's job to be run here");
            assertThat(DgasProcess.count(
                            c,
                            "SELECT count(*) FROM jobs WHERE instance = 'gone:1' AND state = 'abandoned'"
                                    + " AND error->>'error' LIKE '%gone:1%'"))
                    .as("the job claimed as often as it may is closed")
                    .isEqualTo(1);
            serve.terminate();
            assertThat(serve.waitFor(WAIT)).as(serve.stderr()).isIn(0, 143);
        }
        assertThat(serve.stdout() + serve.stderr())
                .containsSubsequence("stopping: web server", "stopping: background jobs", "stopping: health monitor");
    }

    @Test
    void serve_noScheduler_snapshotsStatementsWithoutJoiningTheCluster() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("DELETE FROM query_stat_snapshots");
        }
        DgasProcess serve = DgasProcess.start(
                dir,
                Map.of("DGAS_MONITOR_STATEMENTS_SNAPSHOT_INTERVAL", "1"),
                "--db-url",
                PG.jdbcUrl(),
                "serve",
                "--no-scheduler",
                "--port",
                Integer.toString(freePort()));
        try (Connection c = PG.connect()) {
            serve.await(
                    WAIT,
                    () -> DgasProcess.count(c, "SELECT count(*) FROM query_stat_snapshots") > 0,
                    "a statement snapshot");

            assertThat(DgasProcess.count(c, "SELECT count(*) FROM scheduler_instances"))
                    .isZero();
            serve.terminate();
            assertThat(serve.waitFor(WAIT)).as(serve.stderr()).isIn(0, 143);
        }
        assertThat(serve.stdout() + serve.stderr())
                .contains("scheduler off (--no-scheduler)")
                .doesNotContain("stopping: scheduler");
    }

    @Test
    void serve_embeddedDatabase_sigtermStopsInOrderWithTheDatabaseLastAndNoWarning() throws Exception {
        int port = freePort();
        DgasProcess serve =
                DgasProcess.start(dir, Map.of(), "serve", "--no-scheduler", "--port", Integer.toString(port));
        serve.await(WAIT, () -> accepts(port), "the server to accept");
        serve.await(WAIT, () -> log(serve).contains("dgas serving on"), "the serving line");

        serve.terminate();

        assertThat(serve.waitFor(WAIT)).as(serve.stderr()).isIn(0, 143);
        String log = serve.stdout() + serve.stderr();
        // the embedded server's own exit hook waits for the ordered stop, so the event listener never loses its
        // connection under it (it used to log a WARN as the server stopped concurrently)
        assertThat(log)
                .containsSubsequence(
                        "stopping: web server",
                        "stopping: health monitor and pools",
                        "stopping: embedded database",
                        "stopped")
                .doesNotContain("WARN");
    }

    private static String log(DgasProcess p) {
        try {
            return p.stdout() + p.stderr();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
