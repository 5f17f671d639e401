package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dgas monitor signals} and {@code GET /api/v1/signals} are two faces of one service method: same answer. */
class SignalsBothFacesIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @BeforeAll
    static void start() {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "S", 6);
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(s -> out.add(s.get("id").asLong()));
        return out;
    }

    @Test
    void monitorSignals_sameFiltersAsApi_sameSignals() throws Exception {
        CliRun cli = CliRun.of(
                api.home().resolve("cli"),
                api.jdbcUrl(),
                Map.of(),
                "monitor",
                "signals",
                "--direction",
                "long",
                "--min-confidence",
                "0.3",
                "--limit",
                "2",
                "--json");
        JsonNode web = api.json("/api/v1/signals?direction=long&min_confidence=0.3&limit=2", 200);

        assertThat(cli.code()).as(cli.err()).isZero();
        List<Long> fromCli = ids(new ObjectMapper().readTree(cli.out()));
        assertThat(fromCli).hasSize(2).isEqualTo(ids(web.get("items")));
    }

    @Test
    void monitorSignals_badDirection_exits2NamingTheOption() {
        CliRun cli = CliRun.of(
                api.home().resolve("cli"), api.jdbcUrl(), Map.of(), "monitor", "signals", "--direction", "up");

        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).contains("--direction").doesNotContain("\tat ");
    }
}
