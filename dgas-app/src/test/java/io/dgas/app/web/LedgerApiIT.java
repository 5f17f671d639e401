package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.CliRun;
import io.dgas.app.config.ConfigKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger REST faces: portfolios, sessions, orders and backtests; writes need the token; errors per the
 * conventions; the portfolio page's read is the same number of statements for 1 and 30 positions with their trades
 * (no N+1); the daily performance view is read after {@code dgas db refresh-views}.
 */
class LedgerApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.CACHE_ENABLED, "false"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "LED", 30);
    }

    private static HttpResponse<String> post(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static long create(String owner, String name) throws Exception {
        return expect(
                        post("/api/v1/portfolios?owner=" + owner + "&name=" + name + "&capital=10000", ApiClient.TOKEN),
                        201)
                .get("id")
                .asLong();
    }

    @Test
    void writes_withoutTokenAre401WrongTokenIs403() throws Exception {
        assertThat(post("/api/v1/portfolios?owner=x&name=y&capital=1", null).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/portfolios?owner=x&name=y&capital=1", "nope").statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/sessions/1/stop", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/orders/1/cancel", null).statusCode()).isEqualTo(401);
    }

    @Test
    void portfolio_lifecycle_createListSessionStopClose() throws Exception {
        long id = create("ann", "main");
        JsonNode dup = expect(post("/api/v1/portfolios?owner=ann&name=main&capital=5", ApiClient.TOKEN), 400);
        assertThat(dup.get("parameter").asText()).isEqualTo("name");
        assertThat(api.json("/api/v1/portfolios?owner=ann", 200).get("items").findValuesAsText("name"))
                .containsExactly("main");

        JsonNode session = expect(
                post(
                        "/api/v1/portfolios/" + id + "/sessions?max_position=5000&max_gross=20000"
                                + "&max_daily_loss=500&sizing=fixed_cash&sizing_value=1000",
                        ApiClient.TOKEN),
                201);
        long sid = session.get("id").asLong();
        assertThat(api.json("/api/v1/sessions?portfolio=" + id, 200)
                        .get("items")
                        .findValuesAsText("id"))
                .containsExactly("" + sid);
        JsonNode risk = api.json("/api/v1/portfolios/" + id + "/risk", 200);
        assertThat(risk.get("equity").decimalValue()).isEqualByComparingTo("10000");
        assertThat(expect(post("/api/v1/sessions/" + sid + "/stop", ApiClient.TOKEN), 200)
                        .get("stopped")
                        .asBoolean())
                .isTrue();
        assertThat(expect(post("/api/v1/portfolios/" + id + "/close", ApiClient.TOKEN), 200)
                        .get("closed")
                        .asBoolean())
                .isTrue();
        assertThat(api.json("/api/v1/portfolios?owner=ann", 200).get("items").size())
                .isZero();
    }

    @Test
    void errors_unknownIdsAre404BadParametersAre400() throws Exception {
        assertThat(api.json("/api/v1/portfolios/999999", 404).get("parameter").asText())
                .isEqualTo("portfolio");
        assertThat(api.json("/api/v1/backtests/999999", 404).get("parameter").asText())
                .isEqualTo("id");
        assertThat(api.json("/api/v1/portfolios/abc", 400).get("parameter").asText())
                .isEqualTo("id");
        assertThat(api.json("/api/v1/portfolios?limit=1001", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("limit");
        JsonNode status = api.json("/api/v1/portfolios/1/orders?status=open", 400);
        assertThat(status.get("accepted").toString()).contains("filled", "rejected");
        assertThat(api.json("/api/v1/backtests", 200).get("items").isArray()).isTrue();
    }

    @Test
    void equity_reversedRange_400NamingToNotAnEmptyCurve() throws Exception {
        long id = create("eve", "reversed");

        JsonNode e = api.json("/api/v1/portfolios/" + id + "/equity?from=2030-01-01&to=2020-01-01", 400);

        assertThat(e.get("parameter").asText()).isEqualTo("to");
        assertThat(e.get("value").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(e.get("error").asText()).isEqualTo("to must be after from");
    }

    private static HttpResponse<String> postJson(String path, String json) throws Exception {
        return api.post(
                path, ApiClient.TOKEN, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void writes_amountsTheLedgerCannotHold_400NamingTheParameterBeforeAnyStatement() throws Exception {
        long id = create("jo", "amounts");

        // each reached SQL: a failed statement naming a constraint or "numeric field overflow" (a 500 for the session)
        JsonNode capital = expect(post("/api/v1/portfolios?owner=jo&name=big&capital=1e13", ApiClient.TOKEN), 400);
        JsonNode decimals = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/orders",
                        "{\"symbol\": \"LED1\", \"side\": \"buy\", \"quantity\": 0.123456789}"),
                400);
        JsonNode limit = expect(
                post(
                        "/api/v1/portfolios/" + id + "/sessions?max_position=1e13&max_gross=20000"
                                + "&max_daily_loss=500&sizing=fixed_cash&sizing_value=1000",
                        ApiClient.TOKEN),
                400);

        assertThat(capital.get("parameter").asText()).isEqualTo("capital");
        assertThat(capital.get("accepted").toString()).contains("999999999999.99");
        assertThat(decimals.get("parameter").asText()).isEqualTo("quantity");
        assertThat(decimals.get("error").asText())
                .isEqualTo("quantity must be more than 0 and below 1000000000000 with at most 8 decimals,"
                        + " not 0.123456789");
        assertThat(limit.get("parameter").asText()).isEqualTo("max_position");
        assertThat(api.json("/api/v1/portfolios/" + id + "/orders", 200).get("items"))
                .isEmpty();
    }

    @Test
    void placeOrder_clientOrderIdLongerThanTheColumn_400NamingIt() throws Exception {
        long id = create("jo", "refs");
        String ref = "r".repeat(65);

        // the column's check failed as a statement: a 500, the SQL error its message
        JsonNode e = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/orders",
                        "{\"symbol\": \"LED1\", \"side\": \"buy\", \"quantity\": 1, \"type\": \"limit\","
                                + " \"limit_price\": 9.5, \"client_order_id\": \"" + ref + "\"}"),
                400);

        assertThat(e.get("parameter").asText()).isEqualTo("client_order_id");
        assertThat(e.get("error").asText()).isEqualTo("client_order_id must be 1 to 64 characters, was 65");
    }

    @Test
    void sessionStart_defaultsAndCommission_asTheCliStartsThem() throws Exception {
        long id = create("jo", "fees");
        JsonNode t = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/sessions",
                        "{\"max_position\": 1000, \"max_gross\": 5000, \"max_daily_loss\": 100,"
                                + " \"commission_percent\": 0.1, \"commission_minimum\": 1.5}"),
                201);

        // the API sized 5 % of equity where the CLI sizes 10 %, and had no commission to give
        JsonNode rules = t.get("rules");
        assertThat(rules.get("sizing").asText()).isEqualTo("percent_equity");
        assertThat(rules.get("sizing_value").decimalValue()).isEqualByComparingTo("10");
        assertThat(rules.get("commission_percent").asDouble()).isEqualTo(0.1);
        assertThat(rules.get("commission_minimum").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(rules.get("commission_per_share").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void writes_bodyNotJsonNotAnObjectOrAFieldTwice_400OnTheBodyOrTheField() throws Exception {
        JsonNode twice = expect(
                postJson(
                        "/api/v1/portfolios",
                        "{\"owner\": \"jo\", \"name\": \"dup\", \"capital\": 100, \"capital\": 200}"),
                400);
        JsonNode notJson = expect(postJson("/api/v1/portfolios", "{\"owner\": "), 400);
        JsonNode array = expect(postJson("/api/v1/portfolios", "[1, 2]"), 400);

        assertThat(twice.get("parameter").asText()).isEqualTo("capital");
        assertThat(twice.get("error").asText()).isEqualTo("the body names capital more than once");
        assertThat(api.json("/api/v1/portfolios?limit=500", 200).toString())
                .as("nothing created")
                .doesNotContain("\"dup\"");
        assertThat(notJson.get("parameter").asText()).isEqualTo("body");
        JsonNode tiny = expect(
                postJson("/api/v1/portfolios", "{\"owner\": \"jo\", \"name\": \"tiny\", \"capital\": 0.005}"), 201);
        assertThat(tiny.get("starting_capital").decimalValue())
                .as("more than 0, as the command line takes it")
                .isEqualByComparingTo("0.005");
        JsonNode zero =
                expect(postJson("/api/v1/portfolios", "{\"owner\": \"jo\", \"name\": \"zero\", \"capital\": 0}"), 400);
        assertThat(zero.get("accepted").get(0).asText()).isEqualTo("a number 0.00000001..999999999999.99");
        assertThat(notJson.get("error").asText()).isEqualTo("the body is not JSON");
        assertThat(array.get("error").asText()).isEqualTo("the body must be a JSON object");
    }

    @Test
    void writes_jsonBodies_createStartAndPlaceOrders_errorsNameTheField() throws Exception {
        JsonNode p = expect(
                postJson("/api/v1/portfolios", "{\"owner\": \"jo\", \"name\": \"json\", \"capital\": 2500.25}"), 201);
        assertThat(p.get("starting_capital").decimalValue()).isEqualByComparingTo("2500.25");
        long id = p.get("id").asLong();
        JsonNode t = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/sessions",
                        "{\"max_position\": 1000, \"max_gross\": 5000, \"max_daily_loss\": 100,"
                                + " \"sizing\": \"fixed_cash\", \"sizing_value\": 500, \"max_participation\": 0.25}"),
                201);
        assertThat(t.get("max_participation").asDouble()).isEqualTo(0.25);
        HttpResponse<String> placed = postJson(
                "/api/v1/portfolios/" + id + "/orders",
                "{\"symbol\": \"LED1\", \"side\": \"buy\", \"quantity\": 3, \"type\": \"limit\","
                        + " \"limit_price\": 9.5, \"session\": "
                        + t.get("id").asLong() + "}");
        JsonNode o = expect(placed, 201);
        // answered in the words it was placed with (it came back as "BUY", "LIMIT", "NEW"), decimals written plainly
        assertThat(o.get("side").asText()).isEqualTo("buy");
        assertThat(o.get("type").asText()).isEqualTo("limit");
        assertThat(o.get("status").asText()).isEqualTo("new");
        assertThat(placed.body()).contains("\"filled_quantity\":0.00000000").doesNotContain("E-");
        assertThat(o.get("limit_price").asDouble()).isEqualTo(9.5);
        assertThat(api.json("/api/v1/portfolios/" + id + "/orders", 200)
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        // 200 × 9.5 = 1,900 > the session's max_position 1,000: stored as rejected, answered 422
        JsonNode refused = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/orders",
                        "{\"symbol\": \"LED1\", \"side\": \"buy\", \"quantity\": 200, \"type\": \"limit\","
                                + " \"limit_price\": 9.5}"),
                422);
        assertThat(refused.get("limit").asText()).isEqualTo("max_position_value");
        assertThat(refused.get("parameter").asText()).isEqualTo("quantity");
        assertThat(refused.get("value").asText()).isEqualTo("200");
        assertThat(refused.get("order").get("status").asText()).isEqualTo("rejected");
        assertThat(api.json("/api/v1/portfolios/" + id + "/orders?status=rejected", 200)
                        .get("total")
                        .asInt())
                .isEqualTo(1);

        JsonNode unknown = expect(postJson("/api/v1/portfolios", "{\"owner\": \"jo\", \"nme\": \"x\"}"), 400);
        assertThat(unknown.get("parameter").asText()).isEqualTo("nme");
        assertThat(unknown.get("accepted").toString()).contains("name", "capital");
        JsonNode range =
                expect(postJson("/api/v1/portfolios", "{\"owner\": \"jo\", \"name\": \"x\", \"capital\": -1}"), 400);
        assertThat(range.get("parameter").asText()).isEqualTo("capital");
        assertThat(range.get("value").asText()).isEqualTo("-1");
        JsonNode currency = expect(
                postJson(
                        "/api/v1/portfolios",
                        "{\"owner\": \"jo\", \"name\": \"x\", \"capital\": 1, \"currency\": \"usd1\"}"),
                400);
        assertThat(currency.get("error").asText()).isEqualTo("a currency is 3 letters (ISO 4217), not 'usd1'");
        assertThat(currency.get("parameter").asText()).isEqualTo("currency");
        JsonNode sizing = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/sessions",
                        "{\"max_position\": 10, \"max_gross\": 100, \"max_daily_loss\": 1, \"sizing\":"
                                + " \"percent_equity\", \"sizing_value\": 500}"),
                400);
        assertThat(sizing.get("parameter").asText()).isEqualTo("sizing_value");
        assertThat(sizing.get("value").asText()).isEqualTo("500");
        JsonNode longName = expect(
                postJson(
                        "/api/v1/portfolios",
                        "{\"owner\": \"jo\", \"name\": \"" + "n".repeat(65) + "\", \"capital\": 1}"),
                400);
        assertThat(longName.get("parameter").asText()).isEqualTo("name");
        assertThat(longName.get("error").asText())
                .isEqualTo("a portfolio name is 1 to 64 characters, not blank, without control characters");
        JsonNode lower = expect(
                postJson(
                        "/api/v1/portfolios",
                        "{\"owner\": \"jo\", \"name\": \"eur\", \"capital\": 1, \"currency\": \"eur\"}"),
                201);
        assertThat(lower.get("currency").asText()).isEqualTo("EUR");
        JsonNode noPrice = expect(
                postJson(
                        "/api/v1/portfolios/" + id + "/orders",
                        "{\"symbol\": \"LED1\", \"side\": \"sell\", \"quantity\": 1, \"type\": \"stop\"}"),
                400);
        assertThat(noPrice.get("parameter").asText()).isEqualTo("stop_price");
        assertThat(expect(postJson("/api/v1/portfolios", "[1]"), 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("body");
    }

    @Test
    void portfolio_positionsTradesEquity_fixedStatementsAndDrawdown() throws Exception {
        long one = create("bob", "one");
        long many = create("bob", "many");
        LedgerSeed.trades(api.ctx.database(), "LED", one, 1);
        LedgerSeed.trades(api.ctx.database(), "LED", many, 30);

        long few = api.statementsOf("/api/v1/portfolios/" + one);
        JsonNode body = api.json("/api/v1/portfolios/" + many, 200);
        long lots = api.statementsOf("/api/v1/portfolios/" + many);

        assertThat(body.get("positions").size()).isEqualTo(30);
        assertThat(body.get("trades").size()).isEqualTo(30);
        assertThat(body.get("trades").get(0).get("executions").size()).isEqualTo(1);
        assertThat(lots).isEqualTo(few);

        JsonNode curve = api.json("/api/v1/portfolios/" + one + "/equity", 200);
        assertThat(curve.size()).as("three snapshots and the current mark").isEqualTo(4);
        assertThat(curve.get(2).get("drawdown").asDouble()).isCloseTo(9690.0 / 10200 - 1, within(1e-12));
        assertThat(curve.get(2).get("mark").asBoolean()).isFalse();
        // LED1 has no bar: its 10 shares are valued at their average price 100, so 9,000 cash + 1,000
        assertThat(curve.get(3).get("mark").asBoolean()).isTrue();
        assertThat(curve.get(3).get("equity").decimalValue()).isEqualByComparingTo("10000");

        JsonNode orders = api.json("/api/v1/portfolios/" + many + "/orders?limit=20", 200);
        assertThat(orders.get("items").size()).isEqualTo(20);
        assertThat(orders.get("next_offset").asInt()).isEqualTo(20);
        assertThat(orders.get("total").asInt()).as("counted in SQL").isEqualTo(30);
        assertThat(api.json("/api/v1/portfolios/" + many + "/orders?limit=20&offset=20", 200)
                        .get("items")
                        .size())
                .isEqualTo(10);
    }

    @Test
    void equity_windowReachingNow_endsAtTheLiveMarkEqualToTheSummaryEquity() throws Exception {
        long id = create("eve", "marked");
        var db = api.ctx.database();
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('EQM1')", ps -> {});
        java.sql.Timestamp barTs = java.sql.Timestamp.from(java.time.Instant.parse("2025-01-03T21:00:00Z"));
        db.queryOne(
                "test.part", "SELECT dgas_create_month_partition('bars', ?)", ps -> ps.setObject(1, barTs), rs -> 1);
        db.update(
                "test.bar",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h', ?, 97,"
                        + " 98, 96, 97.25, 1000 FROM symbols WHERE ticker = 'EQM1'",
                ps -> ps.setTimestamp(1, barTs));
        LedgerSeed.trades(db, "EQM", id, 1);
        java.time.Instant before = java.time.Instant.now();

        JsonNode curve = api.json("/api/v1/portfolios/" + id + "/equity", 200);
        JsonNode risk = api.json("/api/v1/portfolios/" + id + "/risk", 200);
        JsonNode past = api.json("/api/v1/portfolios/" + id + "/equity?to=2025-01-03T20:00:00Z", 200);

        assertThat(curve.size()).isEqualTo(4);
        JsonNode mark = curve.get(3);
        assertThat(mark.get("mark").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(mark.get("ts").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        // 10 shares bought at 100 out of 10,000: cash 9,000; marked at the latest 1h close 97.25: + 972.50
        assertThat(mark.get("cash").decimalValue()).isEqualByComparingTo("9000");
        assertThat(mark.get("equity").decimalValue()).isEqualByComparingTo("9972.50");
        assertThat(mark.get("equity").decimalValue())
                .as("the curve ends at the summary's equity")
                .isEqualByComparingTo(risk.get("equity").decimalValue());
        assertThat(mark.get("drawdown").asDouble()).isCloseTo(9972.5 / 10200 - 1, within(1e-12));
        assertThat(past.size()).as("a window ending in the past has no mark").isEqualTo(3);
        assertThat(past.findValuesAsText("mark")).containsOnly("false");
        CliRun cli = CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "--json", "portfolio", "equity", "" + id);
        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode printed = JSON.readTree(cli.out());
        assertThat(printed.size()).as("the CLI's curve is the API's").isEqualTo(4);
        assertThat(printed.get(3).get("mark").asBoolean()).isTrue();
        assertThat(printed.get(3).get("equity").decimalValue()).isEqualByComparingTo("9972.50");
    }

    @Test
    void placeOrder_refusedByASessionLimit_firesTheLimitBreachAlertNamingTheLimit() throws Exception {
        JsonNode rule = expect(
                api.post(
                        "/api/v1/alerts/rules",
                        ApiClient.TOKEN,
                        "application/json",
                        ("{\"name\": \"manual-breach\", \"type\": \"limit_breach\", \"symbols\": [\"LED2\"],"
                                        + " \"threshold\": 1, \"cooldown_seconds\": 0}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                201);
        long id = create("fay", "breach");
        long sid = expect(
                        postJson(
                                "/api/v1/portfolios/" + id + "/sessions",
                                "{\"max_position\": 1000, \"max_gross\": 5000, \"max_daily_loss\": 100}"),
                        201)
                .get("id")
                .asLong();
        String order = "{\"symbol\": \"LED2\", \"side\": \"buy\", \"quantity\": %d, \"type\": \"limit\","
                + " \"limit_price\": 9.5}";

        expect(postJson("/api/v1/portfolios/" + id + "/orders", String.format(order, 3)), 201);
        // 200 × 9.5 = 1,900 > max_position 1,000
        JsonNode refused = expect(postJson("/api/v1/portfolios/" + id + "/orders", String.format(order, 200)), 422);

        JsonNode log = api.json("/api/v1/alerts/log?rule=" + rule.get("id").asLong(), 200);
        assertThat(log.get("items").size())
                .as("the accepted order fires nothing")
                .isEqualTo(1);
        JsonNode e = log.get("items").get(0);
        assertThat(e.get("symbol").asText()).isEqualTo("LED2");
        assertThat(e.get("fired_status").asText()).isEqualTo("fired");
        assertThat(e.get("trigger_value").asDouble())
                .as("the quantity kept back")
                .isEqualTo(200);
        assertThat(e.get("message").asText())
                .isEqualTo("session " + sid + ": LED2 manual order "
                        + refused.at("/order/id").asLong() + " refused by max_position_value");
    }

    @Test
    void performance_afterRefresh_dailyPnlReturnsAndTrades() throws Exception {
        long id = create("cy", "perf");
        LedgerSeed.trades(api.ctx.database(), "LED", id, 2);
        CliRun refresh = CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "db", "refresh-views");
        assertThat(refresh.code()).as(refresh.err()).isZero();

        JsonNode days = api.json("/api/v1/portfolios/" + id + "/performance?days=3660", 200);

        assertThat(days.size()).isEqualTo(3);
        assertThat(days.get(0).get("pnl").decimalValue()).isEqualByComparingTo("0");
        assertThat(days.get(1).get("pnl").decimalValue()).isEqualByComparingTo("200");
        assertThat(days.get(1).get("trades").asLong()).isEqualTo(2);
        assertThat(days.get(2).get("pnl").decimalValue()).isEqualByComparingTo("-510");
        assertThat(days.get(2).get("day_return").asDouble()).isCloseTo(-510.0 / 10200, within(1e-9));
        assertThat(days.get(2).get("avg_return").asDouble())
                .isCloseTo((0 + 200.0 / 10000 - 510.0 / 10200) / 3, within(1e-9));
    }

    @Test
    void openApi_documentsTheLedgerRoutesWithTokenOnWrites() throws Exception {
        JsonNode doc = api.json("/api/v1/openapi.json", 200);

        for (String path : new String[] {
            "/api/v1/portfolios",
            "/api/v1/portfolios/{id}",
            "/api/v1/portfolios/{id}/risk",
            "/api/v1/portfolios/{id}/equity",
            "/api/v1/portfolios/{id}/performance",
            "/api/v1/sessions",
            "/api/v1/sessions/{id}/trades",
            "/api/v1/backtests",
            "/api/v1/backtests/{id}",
            "/api/v1/news",
            "/api/v1/news/sentiment/{symbol}",
            "/api/v1/bars/{symbol}/daily"
        }) {
            assertThat(doc.get("paths").has(path)).as(path).isTrue();
        }
        assertThat(doc.at("/paths/~1api~1v1~1portfolios/post/security").isArray())
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1news/post/security").isArray()).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1portfolios/get/security").isMissingNode())
                .isTrue();
        JsonNode body = doc.at("/paths/~1api~1v1~1portfolios/post/requestBody/content/application~1json/schema");
        assertThat(body.at("/properties/capital/type").asText()).isEqualTo("number");
        assertThat(body.get("required").toString()).contains("owner", "name", "capital");
        assertThat(doc.at("/paths/~1api~1v1~1portfolios/post/parameters").size())
                .as("body fields are not query parameters")
                .isZero();
    }
}
