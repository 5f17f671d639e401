package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.faults.DgasProcess;
import io.dgas.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas demo} loads the sample data once, reuses it on the next run, and reloads it with --reset, which removes
 * only the demo's own data; without --no-serve it ends by printing the dashboard's address and serves it until stopped.
 */
class DemoCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private JsonNode demo(String... extra) throws Exception {
        String[] args = new String[extra.length + 3];
        args[0] = "--json";
        args[1] = "demo";
        args[2] = "--no-serve";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new ObjectMapper().readTree(dgas(args));
    }

    /** Runs dgas, asserts exit 0, returns stdout. */
    private String dgas(String... args) {
        CliRun r = CliRun.of(Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", PG.jdbcUrl()), args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void demo_firstRunLoadsSecondReusesResetReloadsOnlyItsOwnData() throws Exception {
        JsonNode first = demo();
        JsonNode second = demo();
        // a user's own series, also one of a sample symbol at a timeframe the demo does not load
        Path mine = Files.writeString(
                home.resolve("mine.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2025-01-06T00:00:00Z,MINE,1h,10,12,9,11,100\n"
                        + "2025-01-06T01:00:00Z,MINE,1h,11,13,10,12,100\n"
                        + "2025-01-06T00:00:00Z,AAPL,1h,10,12,9,11,100\n");
        dgas("ingest", "bars", mine.toString(), "--create-symbols");
        JsonNode reset = demo("--reset");

        assertThat(first.at("/sample_data/reused").asBoolean()).isFalse();
        assertThat(first.at("/sample_data/ticks").asLong()).isEqualTo(100_000);
        assertThat(first.at("/sample_data/aapl_bars").asLong()).isEqualTo(252);
        assertThat(first.at("/rows/ticks").asLong()).isEqualTo(100_000);
        assertThat(second.at("/sample_data/reused").asBoolean()).isTrue();
        assertThat(first.at("/paper/created").asBoolean())
                .as("the demo's paper portfolio")
                .isTrue();
        assertThat(first.at("/paper/session").asLong()).isPositive();
        assertThat(second.at("/paper/portfolio").asLong())
                .as("reused by the next demo")
                .isEqualTo(first.at("/paper/portfolio").asLong());
        assertThat(second.at("/paper/created").asBoolean()).isFalse();
        assertThat(second.at("/sample_data/btc_bars/1d").asLong()).isEqualTo(6);
        assertThat(reset.at("/sample_data/reused").asBoolean()).isFalse();
        assertThat(reset.at("/sample_data/ticks").asLong()).isEqualTo(100_000);
        assertThat(reset.at("/synthetic/reused").asBoolean()).isFalse();
        JsonNode list = new ObjectMapper().readTree(dgas("--json", "data", "list"));
        assertThat(rows(list, "MINE", "1h")).isEqualTo(2);
        assertThat(rows(list, "AAPL", "1h")).isEqualTo(1);
        assertThat(rows(list, "AAPL", "1d")).isEqualTo(252);
    }

    @Test
    void demo_withoutNoServe_printsTheDashboardAddressAndServesItUntilStopped() throws Exception {
        DgasProcess p = DgasProcess.startIn(
                Files.createDirectory(home.resolve("home")),
                home,
                Map.of("DGAS_DATABASE_URL", PG.jdbcUrl(), "DGAS_WEB_PORT", "0"),
                List.of("-Xmx256m"),
                "demo",
                "--symbols",
                "3");
        try {
            String url = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (url == null && p.isAlive() && System.nanoTime() < deadline) {
                Matcher m = Pattern.compile("dashboard: (http://\\S+/)").matcher(p.stdout());
                url = m.find() ? m.group(1) : null;
                Thread.onSpinWait();
            }
            assertThat(url).as(p.stderr()).isNotNull();
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> symbols = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "api/v1/symbols/BTCUSD"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
            assertThat(symbols.statusCode()).isEqualTo(200);
            assertThat(p.isAlive()).isTrue();
        } finally {
            int code = p.stop(Duration.ofSeconds(30));
            assertThat(code).isIn(0, 143);
        }
    }

    private static long rows(JsonNode list, String symbol, String timeframe) {
        for (JsonNode s : list) {
            if (s.get("symbol").asText().equals(symbol)
                    && s.get("timeframe").asText().equals(timeframe)) {
                return s.get("rows").asLong();
            }
        }
        return 0;
    }
}
