package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas demo} loads the sample data once, reuses it on the next run, and reloads it with --reset, which removes
 * only the demo's own data.
 */
class DemoCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private JsonNode demo(String... extra) throws Exception {
        String[] args = new String[extra.length + 2];
        args[0] = "--json";
        args[1] = "demo";
        System.arraycopy(extra, 0, args, 2, extra.length);
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
        assertThat(second.at("/sample_data/btc_bars/1d").asLong()).isEqualTo(6);
        assertThat(reset.at("/sample_data/reused").asBoolean()).isFalse();
        assertThat(reset.at("/sample_data/ticks").asLong()).isEqualTo(100_000);
        assertThat(reset.at("/synthetic/reused").asBoolean()).isFalse();
        JsonNode list = new ObjectMapper().readTree(dgas("--json", "data", "list"));
        assertThat(rows(list, "MINE", "1h")).isEqualTo(2);
        assertThat(rows(list, "AAPL", "1h")).isEqualTo(1);
        assertThat(rows(list, "AAPL", "1d")).isEqualTo(252);
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
