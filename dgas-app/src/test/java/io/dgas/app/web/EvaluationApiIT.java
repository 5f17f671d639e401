package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.CliRun;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/signals/evaluation}: the evaluation of {@code dgas signals evaluate} with the same options (one
 * service method), and bad input a 400 or 404 naming the parameter.
 */
class EvaluationApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2024-06-03T12:00:00Z");

    @BeforeAll
    static void seed() {
        io.dgas.app.cycle.Seed.universe(api.ctx.database(), 2, 600, END, 5, true);
    }

    @Test
    void evaluation_options_sameReportAsTheCommand() throws Exception {
        JsonNode viaApi = api.json(
                "/api/v1/signals/evaluation?symbols=syn0001,SYN0002&from=2024-05-10&to=2024-06-01&cost_bps=5"
                        + "&min_reward_risk=2",
                200);
        CliRun cli = CliRun.of(
                api.home(),
                api.jdbcUrl(),
                Map.of(),
                "--json",
                "signals",
                "evaluate",
                "--symbols",
                "SYN0001,SYN0002",
                "--from",
                "2024-05-10",
                "--to",
                "2024-06-01",
                "--cost-bps",
                "5",
                "--min-reward-risk",
                "2");

        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode viaCli = JSON.readTree(cli.out());
        assertThat(viaApi.at("/report/groups/0/key").asText()).isEqualTo("all");
        assertThat(viaApi.at("/report/groups/0/signals").asInt()).isPositive();
        assertThat(viaApi.get("report")).isEqualTo(viaCli.get("report"));
        assertThat(viaApi.get("symbols")).isEqualTo(viaCli.get("symbols"));
        assertThat(viaApi.at("/request/signals/min_reward_risk").asDouble()).isEqualTo(2.0);
        assertThat(viaApi.at("/request/cost_bps").asDouble()).isEqualTo(5.0);
    }

    @Test
    void evaluation_badInput_400Or404NamingTheParameter() throws Exception {
        assertThat(api.json("/api/v1/signals/evaluation?symbols=SYN0001&from=2024-06-01&to=2024-05-01", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("to");
        assertThat(api.json("/api/v1/signals/evaluation?symbols=NOPE", 404)
                        .get("parameter")
                        .asText())
                .isEqualTo("symbol");
        assertThat(api.json("/api/v1/signals/evaluation?symbols=SYN0001&cost_bps=-1", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("cost_bps");
        assertThat(api.json("/api/v1/signals/evaluation?symbols=SYN0001&htf=1h&trading=4h", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("htf");
    }
}
