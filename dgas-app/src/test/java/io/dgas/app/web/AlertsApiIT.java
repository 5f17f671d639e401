package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.calc.drummond.Signal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/alerts/…}: rules listed, created, changed and deleted; the log with delivery status; errors; auth. */
class AlertsApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "ALR", 3);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private static JsonNode create(String body) throws Exception {
        return expect(send("POST", "/api/v1/alerts/rules", ApiClient.TOKEN, body), 201);
    }

    @Test
    void create_thresholdRule_is201WithDefaultsAndListed() throws Exception {
        JsonNode rule = create("{\"name\":\"alr1-150\",\"type\":\"threshold\",\"symbol\":\"alr1\",\"threshold\":150}");

        assertThat(rule.get("id").asLong()).isPositive();
        assertThat(rule.get("symbol").asText()).isEqualTo("ALR1");
        assertThat(rule.get("type").asText()).isEqualTo("threshold");
        assertThat(rule.get("condition").asText()).isEqualTo("above");
        assertThat(rule.get("timeframe").asText()).isEqualTo("1h");
        assertThat(rule.get("cooldown_seconds").asInt()).isEqualTo(60);
        assertThat(rule.get("active").asBoolean()).isTrue();
        JsonNode list = api.json("/api/v1/alerts/rules?limit=1000", 200);
        assertThat(list.get("items").findValuesAsText("name")).contains("alr1-150");
    }

    @Test
    void create_symbolsAsCommaStringOrArray_sameTickers() throws Exception {
        JsonNode text =
                create("{\"name\":\"sym-text\",\"type\":\"signal\",\"symbols\":\"alr1,ALR2\",\"threshold\":0.5}");
        JsonNode array = create(
                "{\"name\":\"sym-array\",\"type\":\"signal\",\"symbols\":[\"alr1\",\"ALR2\"],\"threshold\":0.5}");

        assertThat(text.get("symbols").toString()).isEqualTo("[\"ALR1\",\"ALR2\"]");
        assertThat(array.get("symbols")).isEqualTo(text.get("symbols"));
    }

    @Test
    void rules_paged_nextOffsetUntilTheLastPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            create("{\"name\":\"page-" + i + "\",\"type\":\"signal\",\"threshold\":0.5}");
        }
        int total =
                api.json("/api/v1/alerts/rules?limit=1000", 200).get("items").size();

        JsonNode first = api.json("/api/v1/alerts/rules?limit=2", 200);
        JsonNode last = api.json("/api/v1/alerts/rules?limit=2&offset=" + (total - 1), 200);

        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("next_offset").asInt()).isEqualTo(2);
        assertThat(last.get("items").size()).isEqualTo(1);
        assertThat(last.get("next_offset").isNull()).isTrue();
        assertThat(api.json("/api/v1/alerts/rules?limit=1001", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("limit");
    }

    @Test
    void update_givenFieldsChangeOthersStay() throws Exception {
        long id = create("{\"name\":\"upd\",\"type\":\"threshold\",\"symbol\":\"ALR2\",\"threshold\":10}")
                .get("id")
                .asLong();

        JsonNode changed = expect(
                send(
                        "PUT",
                        "/api/v1/alerts/rules/" + id,
                        ApiClient.TOKEN,
                        "{\"threshold\":12.5,\"condition\":\"below\",\"active\":false}"),
                200);

        assertThat(changed.get("threshold").asDouble()).isEqualTo(12.5);
        assertThat(changed.get("condition").asText()).isEqualTo("below");
        assertThat(changed.get("active").asBoolean()).isFalse();
        assertThat(changed.get("symbol").asText()).isEqualTo("ALR2");
        assertThat(changed.get("name").asText()).isEqualTo("upd");
        JsonNode listed = api.json("/api/v1/alerts/rules?limit=1000", 200);
        assertThat(listed.findParents("name").stream()
                        .filter(r -> r.get("name").asText().equals("upd"))
                        .findFirst()
                        .orElseThrow()
                        .get("threshold")
                        .asDouble())
                .isEqualTo(12.5);
    }

    @Test
    void delete_unloggedRule_is204AndGone_unknownIs404() throws Exception {
        long id = create("{\"name\":\"del\",\"type\":\"signal\",\"threshold\":0.5}")
                .get("id")
                .asLong();

        HttpResponse<String> deleted = send("DELETE", "/api/v1/alerts/rules/" + id, ApiClient.TOKEN, null);
        JsonNode again = expect(send("DELETE", "/api/v1/alerts/rules/" + id, ApiClient.TOKEN, null), 404);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.json("/api/v1/alerts/rules?limit=1000", 200).get("items").findValuesAsText("name"))
                .doesNotContain("del");
        assertThat(again.get("parameter").asText()).isEqualTo("id");
        assertThat(again.get("value").asText()).isEqualTo(Long.toString(id));
        assertThat(expect(send("PUT", "/api/v1/alerts/rules/999999", ApiClient.TOKEN, "{}"), 404)
                        .get("error")
                        .asText())
                .isEqualTo("unknown alert rule 999999");
    }

    @Test
    void create_badFields_are400NamingFieldValueAndAccepted() throws Exception {
        JsonNode type = expect(
                send(
                        "POST",
                        "/api/v1/alerts/rules",
                        ApiClient.TOKEN,
                        "{\"name\":\"x\",\"type\":\"nope\",\"threshold\":1}"),
                400);
        JsonNode symbol = expect(
                send(
                        "POST",
                        "/api/v1/alerts/rules",
                        ApiClient.TOKEN,
                        "{\"name\":\"x\",\"type\":\"signal\",\"symbols\":[\"ALR1\",\"nosuch\"],\"threshold\":0.5}"),
                400);
        JsonNode confidence = expect(
                send(
                        "POST",
                        "/api/v1/alerts/rules",
                        ApiClient.TOKEN,
                        "{\"name\":\"x\",\"type\":\"signal\",\"threshold\":2}"),
                400);
        JsonNode unknownField = expect(
                send("POST", "/api/v1/alerts/rules", ApiClient.TOKEN, "{\"name\":\"x\",\"colour\":\"red\"}"), 400);
        JsonNode wrongType = expect(
                send("POST", "/api/v1/alerts/rules", ApiClient.TOKEN, "{\"name\":\"x\",\"threshold\":\"high\"}"), 400);
        JsonNode notJson = expect(send("POST", "/api/v1/alerts/rules", ApiClient.TOKEN, "{name"), 400);
        create("{\"name\":\"dup\",\"type\":\"signal\",\"threshold\":0.5}");
        JsonNode dup = expect(
                send(
                        "POST",
                        "/api/v1/alerts/rules",
                        ApiClient.TOKEN,
                        "{\"name\":\"dup\",\"type\":\"signal\",\"threshold\":0.5}"),
                400);

        assertThat(type.get("parameter").asText()).isEqualTo("type");
        assertThat(type.get("value").asText()).isEqualTo("nope");
        assertThat(type.get("accepted").toString()).contains("threshold", "crossover", "signal");
        assertThat(symbol.get("parameter").asText()).isEqualTo("symbols");
        assertThat(symbol.get("value").asText()).isEqualTo("NOSUCH");
        assertThat(symbol.get("error").asText()).contains("unknown symbol 'NOSUCH'");
        assertThat(confidence.get("parameter").asText()).isEqualTo("threshold");
        assertThat(unknownField.get("parameter").asText()).isEqualTo("colour");
        assertThat(unknownField.get("accepted").toString()).contains("cooldown_seconds");
        assertThat(wrongType.get("parameter").asText()).isEqualTo("threshold");
        assertThat(notJson.get("parameter").asText()).isEqualTo("body");
        assertThat(dup.get("parameter").asText()).isEqualTo("name");
        assertThat(api.json("/api/v1/alerts/rules?limit=1000", 200).get("items").findValuesAsText("name"))
                .doesNotContain("x")
                .containsOnlyOnce("dup");
    }

    @Test
    void writes_withoutTokenAre401WrongTokenIs403() throws Exception {
        String body = "{\"name\":\"auth\",\"type\":\"signal\",\"threshold\":0.5}";

        assertThat(send("POST", "/api/v1/alerts/rules", null, body).statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/v1/alerts/rules", "wrong", body).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", "/api/v1/alerts/rules/1", null, body).statusCode())
                .isEqualTo(401);
        assertThat(send("PUT", "/api/v1/alerts/rules/1", "wrong", body).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/alerts/rules/1", null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/alerts/rules/1", "wrong", null).statusCode())
                .isEqualTo(403);
        assertThat(api.json("/api/v1/alerts/rules?limit=1000", 200).get("items").findValuesAsText("name"))
                .doesNotContain("auth");
    }

    @Test
    void log_firedAlertWithDeliveryStatus_filteredByRuleSymbolSince_andLoggedRuleDeleteDeactivates() throws Exception {
        long id = create("{\"name\":\"log-sig\",\"type\":\"signal\",\"symbols\":[\"ALR3\"],\"threshold\":0.5,"
                        + "\"cooldown_seconds\":0}")
                .get("id")
                .asLong();
        Instant before = Instant.now().minusSeconds(1);
        api.ctx
                .alerts()
                .evaluate(List.of(signal("ALR3", 0.9), signal("ALR1", 0.95)), List.of())
                .delivered()
                .get(10, TimeUnit.SECONDS);

        JsonNode byRule = api.json("/api/v1/alerts/log?rule=" + id, 200);
        JsonNode byName = api.json("/api/v1/alerts/log?rule=log-sig&symbol=ALR3&since=" + before, 200);
        JsonNode future = api.json("/api/v1/alerts/log?rule=log-sig&since=2999-01-01", 200);

        assertThat(byRule.get("items").size()).isEqualTo(1);
        JsonNode e = byRule.get("items").get(0);
        assertThat(e.get("rule_id").asLong()).isEqualTo(id);
        assertThat(e.get("rule").asText()).isEqualTo("log-sig");
        assertThat(e.get("symbol").asText()).isEqualTo("ALR3");
        assertThat(e.get("fired_status").asText()).isEqualTo("fired");
        assertThat(e.get("delivery_status").asText()).isEqualTo("sent");
        assertThat(e.get("trigger_value").asDouble()).isEqualTo(0.9);
        assertThat(byName.get("items").size()).isEqualTo(1);
        assertThat(future.get("items").size()).isZero();
        assertThat(api.json("/api/v1/alerts/log?rule=nosuch", 404)
                        .get("parameter")
                        .asText())
                .isEqualTo("rule");
        assertThat(api.json("/api/v1/alerts/log?symbol=NOSUCH", 404)
                        .get("parameter")
                        .asText())
                .isEqualTo("symbol");
        assertThat(api.json("/api/v1/alerts/log?since=yesterday", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("since");

        assertThat(send("DELETE", "/api/v1/alerts/rules/" + id, ApiClient.TOKEN, null)
                        .statusCode())
                .isEqualTo(204);
        JsonNode kept = api.json("/api/v1/alerts/rules?limit=1000", 200).findParents("name").stream()
                .filter(r -> r.get("name").asText().equals("log-sig"))
                .findFirst()
                .orElseThrow();
        assertThat(kept.get("active").asBoolean()).isFalse();
        assertThat(api.json("/api/v1/alerts/log?rule=" + id, 200).get("items").size())
                .isEqualTo(1);
    }

    @Test
    void openApi_documentsTheAlertRoutes() throws Exception {
        JsonNode doc = api.json("/api/v1/openapi.json", 200);

        assertThat(doc.at("/paths/~1api~1v1~1alerts~1rules/post/security").isArray())
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1alerts~1rules~1{id}/put/summary").asText())
                .contains("cooldown_seconds");
        assertThat(doc.at("/paths/~1api~1v1~1alerts~1rules~1{id}/delete").isObject())
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1alerts~1log/get/parameters").findValuesAsText("name"))
                .contains("rule", "symbol", "since", "limit", "offset");
    }

    private static Signal signal(String symbol, double confidence) {
        return new Signal(
                symbol,
                1,
                Instant.now().getEpochSecond(),
                Signal.Type.LONG,
                10,
                9,
                12,
                confidence,
                0.5,
                0.7,
                Signal.Tier.HIGH,
                false);
    }
}
