package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.CliRun;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/backtests}: the same backtest as {@code dgas backtest} with the same options (one service
 * method), stored and listed; the token; bad input a 400 naming the parameter, nothing stored.
 */
class BacktestApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2024-06-03T12:00:00Z");

    @BeforeAll
    static void seed() {
        io.dgas.app.cycle.Seed.universe(api.ctx.database(), 2, 500, END, 11, true);
    }

    private static HttpResponse<String> post(String json, String token) throws Exception {
        return api.post("/api/v1/backtests", token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void post_options_sameBacktestAsTheCommandStoredAndListed() throws Exception {
        HttpResponse<String> r = post(
                "{\"symbols\": \"syn0001,SYN0002\", \"from\": \"2024-01-01\", \"to\": \"2024-07-01\","
                        + " \"capital\": 50000, \"sizing\": \"fixed_cash\", \"sizing_value\": 2500,"
                        + " \"slippage_bps\": 2, \"commission_per_share\": 0.005, \"commission_minimum\": 1,"
                        + " \"min_reward_risk\": 2, \"expiry_bars\": 3}",
                ApiClient.TOKEN);
        CliRun cli = CliRun.of(
                api.home(),
                api.jdbcUrl(),
                Map.of(),
                "--json",
                "backtest",
                "SYN0001",
                "SYN0002",
                "--from",
                "2024-01-01",
                "--to",
                "2024-07-01",
                "--capital",
                "50000",
                "--sizing",
                "fixed_cash:2500",
                "--slippage-bps",
                "2",
                "--commission",
                "per_share=0.005,percent=0,min=1",
                "--min-reward-risk",
                "2",
                "--expiry-bars",
                "3");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode viaApi = JSON.readTree(r.body());
        JsonNode viaCli = JSON.readTree(cli.out());
        assertThat(viaApi.get("bar_steps").asLong()).isEqualTo(2 * 500);
        assertThat(viaApi.get("metrics").get("trades").asInt()).isPositive();
        assertThat(viaApi.get("metrics")).isEqualTo(viaCli.get("metrics"));
        assertThat(viaApi.get("settings_line").asText())
                .isEqualTo(viaCli.get("settings_line").asText())
                .isEqualTo(
                        "2500 a trade, 2 bps, commission 0.005 a share + at least 1; min_reward_risk 2, expiry_bars 3");
        long id = viaApi.get("backtest").asLong();
        assertThat(api.json("/api/v1/backtests/" + id, 200)
                        .at("/backtest/symbols")
                        .toString())
                .isEqualTo("[\"SYN0001\",\"SYN0002\"]");
        assertThat(api.json("/api/v1/backtests", 200).get("items").findValuesAsText("id"))
                .contains(Long.toString(id), viaCli.get("backtest").asText());
    }

    @Test
    void post_symbolsAsArrayOrCommaString_sameBacktest_otherJsonTypes400() throws Exception {
        String range = "\"from\": \"2024-05-01\", \"to\": \"2024-07-01\"}";

        HttpResponse<String> array = post("{\"symbols\": [\"syn0001\", \"SYN0002\"], " + range, ApiClient.TOKEN);
        HttpResponse<String> text = post("{\"symbols\": \"syn0001,SYN0002\", " + range, ApiClient.TOKEN);
        HttpResponse<String> number = post("{\"symbols\": [1], " + range, ApiClient.TOKEN);

        assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(JSON.readTree(array.body()).get("metrics"))
                .isEqualTo(JSON.readTree(text.body()).get("metrics"));
        assertThat(JSON.readTree(array.body()).get("bar_steps").asLong())
                .isPositive()
                .isEqualTo(JSON.readTree(text.body()).get("bar_steps").asLong());
        assertThat(number.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(number.body());
        assertThat(e.get("parameter").asText()).isEqualTo("symbols");
        assertThat(e.get("value").asText()).isEqualTo("[1]");
        assertThat(e.get("accepted").toString()).contains("an array of tickers", "comma-separated tickers");
    }

    @Test
    void post_badInputOrNoToken_refusedNamingTheParameterAndNothingStored() throws Exception {
        int before = api.json("/api/v1/backtests", 200).get("items").size();

        HttpResponse<String> anonymous =
                post("{\"all\": true, \"from\": \"2024-01-01\", \"to\": \"2024-07-01\"}", null);
        JsonNode neither = JSON.readTree(post("{\"from\": \"2024-01-01\", \"to\": \"2024-07-01\"}", ApiClient.TOKEN)
                .body());
        JsonNode backwards =
                JSON.readTree(post("{\"all\": true, \"from\": \"2024-07-01\", \"to\": \"2024-01-01\"}", ApiClient.TOKEN)
                        .body());
        JsonNode percent = JSON.readTree(post(
                        "{\"all\": true, \"from\": \"2024-01-01\", \"to\": \"2024-07-01\", \"sizing_value\": 150}",
                        ApiClient.TOKEN)
                .body());
        JsonNode noBars = JSON.readTree(post(
                        "{\"symbols\": \"SYN0001\", \"from\": \"2024-01-01\", \"to\": \"2024-07-01\","
                                + " \"trading\": \"1d\"}",
                        ApiClient.TOKEN)
                .body());
        JsonNode reward = JSON.readTree(post(
                        "{\"all\": true, \"from\": \"2024-01-01\", \"to\": \"2024-07-01\", \"min_reward_risk\": 0}",
                        ApiClient.TOKEN)
                .body());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(neither.get("parameter").asText()).isEqualTo("symbols");
        assertThat(backwards.get("parameter").asText()).isEqualTo("to");
        assertThat(percent.get("parameter").asText()).isEqualTo("sizing_value");
        assertThat(noBars.get("parameter").asText()).as(noBars.toString()).isEqualTo("trading");
        assertThat(reward.get("parameter").asText()).isEqualTo("min_reward_risk");
        assertThat(api.json("/api/v1/backtests", 200).get("items")).hasSize(before);
    }
}
