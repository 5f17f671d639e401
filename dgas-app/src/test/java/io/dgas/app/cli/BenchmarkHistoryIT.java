package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas benchmark run|report|compare}: runs stored with their figures, read back and compared. */
class BenchmarkHistoryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    private static JsonNode json(String... args) throws Exception {
        return CliRun.json(home, PG.jdbcUrl(), args);
    }

    @Test
    void runTwiceThenCompare_everySharedFigureWithItsRatio() throws Exception {
        long a = json("benchmark", "run", "engine").at("/run/id").asLong();
        long b = json("benchmark", "run", "engine").at("/run/id").asLong();

        JsonNode latest = json("benchmark", "report");
        assertThat(latest.at("/run/id").asLong()).isEqualTo(b);
        assertThat(latest.at("/run/kind").asText()).isEqualTo("single");
        assertThat(latest.at("/figures/engine/events").asInt()).isEqualTo(57_609);
        JsonNode rows = json("benchmark", "compare", "" + a, "" + b);
        JsonNode nsPerBar = null;
        for (JsonNode r : rows) {
            if (r.get("figure").asText().equals("ns_per_bar")) {
                nsPerBar = r;
            }
        }
        assertThat(nsPerBar).isNotNull();
        assertThat(nsPerBar.get("ratio").asDouble())
                .isCloseTo(
                        nsPerBar.get("b").asDouble() / nsPerBar.get("a").asDouble(),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.findValuesAsText("figure")).contains("events", "seconds");
    }

    @Test
    void unknownRunOrBenchmark_usageErrorNamingIt() {
        CliRun run = CliRun.of(home, PG.jdbcUrl(), Map.of(), "benchmark", "report", "999");
        CliRun name = CliRun.of(home, PG.jdbcUrl(), Map.of(), "benchmark", "run", "fastest");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no benchmark run 999");
        assertThat(name.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(name.err()).contains("unknown benchmark 'fastest' (accepted: engine, ledger, cycle)");
    }
}
