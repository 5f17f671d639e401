package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas demo} loads the sample data once, reuses it on the next run, and reloads it with --reset. */
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(
                args,
                Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", PG.jdbcUrl()),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void demo_firstRunLoadsSecondReusesResetReloads() throws Exception {
        JsonNode first = demo();
        JsonNode second = demo();
        JsonNode reset = demo("--reset");

        assertThat(first.at("/sample_data/reused").asBoolean()).isFalse();
        assertThat(first.at("/sample_data/ticks").asLong()).isEqualTo(100_000);
        assertThat(first.at("/sample_data/aapl_bars").asLong()).isEqualTo(252);
        assertThat(first.at("/rows/ticks").asLong()).isEqualTo(100_000);
        assertThat(second.at("/sample_data/reused").asBoolean()).isTrue();
        assertThat(second.at("/sample_data/btc_bars/1d").asLong()).isEqualTo(6);
        assertThat(reset.at("/sample_data/reused").asBoolean()).isFalse();
        assertThat(reset.at("/sample_data/ticks").asLong()).isEqualTo(100_000);
    }
}
