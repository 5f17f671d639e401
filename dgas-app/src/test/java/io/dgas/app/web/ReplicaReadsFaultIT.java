package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.cli.CliRun;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.store.migrate.Migrator;
import io.dgas.testkit.ReplicaPair;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code dgas serve} with {@code database.replicas} set, against a real streaming replica: the API's cached reads are
 * served by the replica, a write is seen by the very next read while the replica has not replayed it (that read goes
 * to the primary), and with the replica stopped every read still answers while {@code /health} says degraded.
 */
class ReplicaReadsFaultIT {
    private static final Pattern REPLICA_READS = Pattern.compile("db_replica_reads_total\\{[^}]*} ([0-9.]+)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void api_withAReplica_readsFromItSeesWritesAtOnceAndSurvivesItsLoss() throws Exception {
        try (ReplicaPair pair = ReplicaPair.start()) {
            String primary = pair.primaryUrl("postgres");
            try (AppContext m = new AppContext(config(primary, null), Clock.systemUTC())) {
                m.acceptAnySchema();
                new Migrator(m.database()).migrate();
            }
            pair.awaitCaughtUp(Duration.ofSeconds(30));
            try (AppContext ctx = new AppContext(config(primary, pair.replicaUrl("postgres")), Clock.systemUTC());
                    WebServer server = WebServer.start(ctx, "127.0.0.1", 0, "t0ken")) {
                String base = "http://127.0.0.1:" + server.port();
                await(base + "/health", b -> b.contains("\"state\":\"admitted\""));
                assertThat(databasePage(base, "database-replica-admitted"))
                        .extracting(r -> r.get(1))
                        .containsExactly("admitted");
                assertThat(get(base + "/api/v1/database/overview"))
                        .as("the database page's overview lists it")
                        .contains("\"replicas\":[{\"name\":\"" + pair.replicaUrl("postgres")
                                + "\",\"state\":\"admitted\"");
                // a miss (a new page size each time) goes to the replica once it holds what the start-up wrote
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                for (int limit = 10; replicaReads(base) == 0; limit++) {
                    assertThat(System.nanoTime())
                            .as("a read on the replica within 30 s")
                            .isLessThan(deadline);
                    assertThat(get(base + "/api/v1/symbols?limit=" + limit)).contains("\"items\":[]");
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
                }

                pair.pauseReplay();
                ctx.ingest()
                        .bars(
                                "replica.csv",
                                "timestamp,symbol,interval,open,high,low,close,volume\n"
                                        + "2026-01-05T10:00:00Z,RPLA,1h,100,101,99,100.5,10\n",
                                ctx.ingest().options(ZoneOffset.UTC).withCreateSymbols(true));
                assertThat(get(base + "/api/v1/symbols?limit=5"))
                        .as("the write, seen at once")
                        .contains("RPLA");
                assertThat(ReplicaPair.scalar(pair.replicaUrl("postgres"), "SELECT count(*) FROM symbols"))
                        .as("so not read on the replica, which does not hold it")
                        .isEqualTo("0");
                pair.resumeReplay();

                pair.stopReplica();
                await(base + "/health", b -> b.contains("\"status\":\"degraded\"") && b.contains("\"state\":\"down\""));
                assertThat(get(base + "/api/v1/symbols?limit=6")).contains("RPLA");
                assertThat(databasePage(base, "database-replica-down"))
                        .as("the database page says so, in words")
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.subList(0, 3)).containsExactly(pair.replicaUrl("postgres"), "down", "-");
                            // what took it out: a read cut by the shutdown, or a check refused, whichever came first
                            assertThat(r.get(5))
                                    .isIn(
                                            "FATAL: terminating connection due to administrator command",
                                            "Connection refused");
                        });
                CliRun down = status(primary, pair.replicaUrl("postgres"));
                assertThat(down.out())
                        .contains("replica       " + pair.replicaUrl("postgres") + ": down (")
                        .contains("replicas warning: 0 of 1 serving reads;");
                pair.startReplica();
                await(
                        base + "/health",
                        b -> b.contains("\"status\":\"healthy\"") && b.contains("\"state\":\"admitted\""));
                assertThat(status(primary, pair.replicaUrl("postgres")).out())
                        .contains("replica       " + pair.replicaUrl("postgres") + ": admitted (");
            }
        }
    }

    /** The rows of the database page's replicas table, as a browser shows them; a screenshot goes to {@code shot}. */
    private List<List<String>> databasePage(String base, String shot) throws Exception {
        ChromeDriver driver = Browser.start(dir.resolve("browser"));
        try {
            driver.get(base + "/database.html");
            Browser.awaitBody(driver, "loaded", "database");
            Browser.screenshot(driver, shot);
            return Browser.rows(driver, "replicas-table");
        } finally {
            driver.quit();
        }
    }

    /** {@code dgas status} on the primary with the replica configured. */
    private CliRun status(String primary, String replica) {
        CliRun r = CliRun.of(dir, primary, Map.of("DGAS_DATABASE_REPLICAS", replica), "status");
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private double replicaReads(String base) throws IOException, InterruptedException {
        Matcher m = REPLICA_READS.matcher(get(base + "/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Polls {@code url} until its body passes {@code ok}, for at most 30 s. */
    private void await(String url, Predicate<String> ok) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body;
        while (!ok.test(
                body = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body())) {
            assertThat(System.nanoTime()).as("within 30 s; last: " + body).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    private DgasConfig config(String url, String replica) {
        return TestConfigs.withReplica(dir, url, replica);
    }
}
