package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.app.faults.DgasProcess;
import io.dgas.app.web.ServeAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code dgas serve} (a child process running the fat jar) holds the embedded database of a home; the other commands
 * on that home (run here in-process) use its database and its caches with no flag, and start their own server again
 * once it has stopped.
 */
class SharedHomeIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void commands_whileServeHoldsTheEmbeddedHome_useItsDatabaseAndCaches() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path csv = Files.writeString(
                dir.resolve("shared.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00+00:00,SHRD,1m,10,11,9,10.5,1\n"
                        + "2024-01-01T00:01:00+00:00,SHRD,1m,10.5,12,10,11,2\n");
        DgasProcess serve = DgasProcess.startIn(home, dir, Map.of(), List.of("-Xmx256m"), "serve", "--port", "0");
        try {
            String url = awaitAddress(serve, home, Duration.ofSeconds(120));

            CliRun ingest = CliRun.in(home, Map.of(), "ingest", "bars", csv.toString(), "--create-symbols");
            assertThat(ingest.code()).as(ingest.err()).isZero();
            HttpResponse<String> bars = get(url + "/api/v1/bars/SHRD?interval=1m&last=10");
            assertThat(bars.statusCode())
                    .as("the server reads what the command wrote: " + bars.body())
                    .isEqualTo(200);
            assertThat(bars.body()).contains("SHRD");

            CliRun status = CliRun.in(home, Map.of(), "status");
            assertThat(status.code()).as(status.err()).isZero();
            CliRun list = CliRun.in(home, Map.of(), "data", "list");
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("SHRD");

            CliRun stats = CliRun.in(home, Map.of(), "--json", "cache", "stats");
            assertThat(stats.code()).as(stats.err()).isZero();
            long lookups = 0;
            for (JsonNode region : Json.MAPPER.readTree(stats.out())) {
                lookups += region.path("hits").asLong() + region.path("misses").asLong();
            }
            assertThat(lookups)
                    .as("the running server's caches: " + stats.out())
                    .isPositive();
            CliRun calculations = CliRun.in(home, Map.of(), "monitor", "calculations");
            assertThat(calculations.code()).as(calculations.err()).isZero();

            assertThat(serve.isAlive())
                    .as("the commands left the server running")
                    .isTrue();
            assertThat(get(url + "/health").statusCode()).isEqualTo(200);
        } finally {
            serve.stop(Duration.ofSeconds(30));
        }
        assertThat(ServeAddress.find(home)).as("no live server published").isEmpty();
        CliRun after = CliRun.in(home, Map.of(), "status");
        assertThat(after.code())
                .as("starts its own server again: " + after.err())
                .isZero();
    }

    /** The URL the child publishes once serving, polled until {@code timeout}. */
    private static String awaitAddress(DgasProcess serve, Path home, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<String> url = ServeAddress.find(home);
            if (url.isPresent()) {
                return url.get();
            }
            assertThat(serve.isAlive())
                    .as("dgas serve exited: " + serve.stderr())
                    .isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("dgas serve published no address within " + timeout + "; stderr: " + serve.stderr());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
