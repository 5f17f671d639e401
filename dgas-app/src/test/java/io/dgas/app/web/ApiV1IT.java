package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.config.ConfigKeys;
import io.dgas.store.SqlSession;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1}: every read route's answer, its 400s and 404s, paging limits, auth, and the OpenAPI document. */
class ApiV1IT {
    @RegisterExtension
    static final ApiClient api =
            ApiClient.onOwnDatabase(Map.of(ConfigKeys.ALERTS_WEBHOOK, "https://hooks.example.com/hush-hush-key"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "SYM", 5);
        new BarIngestor(api.ctx.database(), api.ctx.ingestListener())
                .ingest(
                        "web.csv",
                        new StringReader("timestamp,symbol,interval,open,high,low,close,volume\n"
                                + "2025-01-06T00:00:00Z,WEBX,1h,10,12,9,11,100\n"
                                + "2025-01-06T01:00:00Z,WEBX,1h,11,13,10,12,100\n"
                                + "2025-01-06T02:00:00Z,WEBX,1h,12,14,11,13,100\n"),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        api.ctx
                .database()
                .update(
                        "test.soft-delete",
                        "UPDATE bars SET deleted_at = now() WHERE ts = '2025-01-06T02:00:00Z'",
                        SqlSession.Binder.NONE);
        api.ctx.cache().clear(null);
    }

    private static List<String> tickers(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get(field).asText()));
        return out;
    }

    @Test
    void scheduler_noneRunning_scheduleWithoutANextRunOrInstancesAndTheRecentRuns() throws Exception {
        JsonNode s = api.json("/api/v1/scheduler", 200);

        assertThat(s.get("schedule").asText()).startsWith("every ");
        assertThat(s.get("next_run").isNull()).isTrue();
        assertThat(s.get("instances")).isEmpty();
        assertThat(s.get("recent_runs").isArray()).isTrue();
        // the runs as /api/v1/runs/{id} renders them
        s.get("recent_runs").forEach(r -> assertThat(r.has("stage_ms")).isTrue());

        // an instance seen a moment ago is live; one silent for a day is not listed
        api.ctx
                .database()
                .update(
                        "test.instances",
                        "INSERT INTO scheduler_instances (name, started_at, last_seen) VALUES"
                                + " ('node-live', now() - interval '1 hour', now()),"
                                + " ('node-gone', now() - interval '2 days', now() - interval '1 day')",
                        io.dgas.store.SqlSession.Binder.NONE);
        try {
            JsonNode live = api.json("/api/v1/scheduler", 200).get("instances");
            assertThat(live.findValuesAsText("name")).containsExactly("node-live");
            assertThat(live.get(0).has("started_at")).isTrue();
            assertThat(live.get(0).has("last_seen")).isTrue();
        } finally {
            api.ctx
                    .database()
                    .update(
                            "test.instances-gone",
                            "DELETE FROM scheduler_instances WHERE name LIKE 'node-%'",
                            io.dgas.store.SqlSession.Binder.NONE);
        }
    }

    @Test
    void symbols_pagedByTicker_nextOffsetUntilTheLastPage() throws Exception {
        JsonNode first = api.json("/api/v1/symbols?q=SYM&limit=2", 200);
        JsonNode last = api.json("/api/v1/symbols?q=SYM&limit=2&offset=4", 200);

        assertThat(tickers(first, "ticker")).containsExactly("SYM1", "SYM2");
        assertThat(first.get("next_offset").asInt()).isEqualTo(2);
        assertThat(tickers(last, "ticker")).containsExactly("SYM5");
        assertThat(last.get("next_offset").isNull()).isTrue();
        assertThat(first.at("/items/0/asset_class").asText()).isEqualTo("stock");
    }

    @Test
    void databaseTables_paged_largestFirstWithTheTotal() throws Exception {
        JsonNode first = api.json("/api/v1/database/tables?limit=2", 200);
        JsonNode rest = api.json("/api/v1/database/tables?limit=1000&offset=2", 200);

        // a bare array before, the one list route without paging
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("next_offset").asInt()).isEqualTo(2);
        assertThat(first.get("total").asInt()).isEqualTo(2 + rest.get("items").size());
        assertThat(rest.get("next_offset").isNull()).isTrue();
        assertThat(first.at("/items/0/total_bytes").asLong())
                .isGreaterThanOrEqualTo(first.at("/items/1/total_bytes").asLong())
                .isGreaterThanOrEqualTo(rest.at("/items/0/total_bytes").asLong());
        assertThat(api.json("/api/v1/database/tables?limit=0", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("limit");
    }

    @Test
    void symbols_search_matchesNameInAnyCaseAndWildcardsLiterally() throws Exception {
        assertThat(tickers(api.json("/api/v1/symbols?q=corp%203", 200), "ticker"))
                .containsExactly("SYM3");
        assertThat(tickers(api.json("/api/v1/symbols?q=%25", 200), "ticker")).isEmpty();
    }

    @Test
    void symbols_limitOverMaximumOrNotANumber_is400NamingTheRange() throws Exception {
        JsonNode over = api.json("/api/v1/symbols?limit=1001", 400);
        JsonNode text = api.json("/api/v1/symbols?offset=x", 400);

        assertThat(over.get("parameter").asText()).isEqualTo("limit");
        assertThat(over.get("value").asText()).isEqualTo("1001");
        assertThat(over.get("accepted").toString()).isEqualTo("[\"a whole number 1..1000\"]");
        assertThat(text.get("parameter").asText()).isEqualTo("offset");
        assertThat(api.get("/api/v1/symbols?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void symbol_one_hasItsSeriesAndUnknownIs404() throws Exception {
        JsonNode webx = api.json("/api/v1/symbols/WEBX", 200);
        JsonNode nope = api.json("/api/v1/symbols/NOPE", 404);

        assertThat(webx.at("/symbol/ticker").asText()).isEqualTo("WEBX");
        assertThat(webx.at("/series/0/timeframe").asText()).isEqualTo("1h");
        assertThat(webx.at("/series/0/rows").asInt()).isEqualTo(2);
        assertThat(nope.get("error").asText()).isEqualTo("unknown symbol 'NOPE'");
        assertThat(nope.get("parameter").asText()).isEqualTo("symbol");
    }

    @Test
    void bars_rangeAndLast_leaveOutSoftDeletedUnlessIncluded() throws Exception {
        String range = "/api/v1/bars/WEBX?interval=1h&from=2025-01-06&to=2025-01-07";

        assertThat(api.json(range, 200).get("bars").size()).isEqualTo(2);
        assertThat(api.json(range + "&include_deleted=true", 200).get("bars").size())
                .isEqualTo(3);
        assertThat(api.json("/api/v1/bars/WEBX?last=1", 200).at("/bars/0/ts").asText())
                .isEqualTo("2025-01-06T01:00:00Z");
        assertThat(api.json("/api/v1/bars/WEBX?last=1&include_deleted=true", 200)
                        .at("/bars/0/ts")
                        .asText())
                .isEqualTo("2025-01-06T02:00:00Z");
    }

    @Test
    void bars_badRangeOrFlag_is400AndUnknownSymbol404() throws Exception {
        assertThat(api.json("/api/v1/bars/WEBX?to=2025-01-07", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("to");
        assertThat(api.json("/api/v1/bars/WEBX?from=2025-01-07&to=2025-01-06", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("to");
        assertThat(api.json("/api/v1/bars/WEBX?interval=1m&from=2020-01-01&to=2025-01-01", 400)
                        .get("error")
                        .asText())
                .contains("more than 5000");
        assertThat(api.json("/api/v1/bars/WEBX?from=yesterday", 400)
                        .get("value")
                        .asText())
                .isEqualTo("yesterday");
        assertThat(api.json("/api/v1/bars/WEBX?include_deleted=maybe", 400)
                        .get("accepted")
                        .toString())
                .isEqualTo("[\"true\",\"false\"]");
        assertThat(api.json("/api/v1/bars/NOPE?from=2025-01-06&to=2025-01-07", 404)
                        .get("value")
                        .asText())
                .isEqualTo("NOPE");
    }

    @Test
    void signals_filters_symbolDirectionConfidenceSinceAndPaging() throws Exception {
        assertThat(tickers(api.json("/api/v1/signals?symbol=SYM2", 200), "symbol"))
                .containsExactly("SYM2");
        assertThat(new TreeSet<>(tickers(api.json("/api/v1/signals?direction=short", 200), "symbol")))
                .containsExactly("SYM1", "SYM3", "SYM5");
        assertThat(new TreeSet<>(tickers(api.json("/api/v1/signals?min_confidence=0.5", 200), "symbol")))
                .containsExactly("SYM3", "SYM4", "SYM5");
        assertThat(tickers(api.json("/api/v1/signals?since=2025-02-01T04:00:00Z", 200), "symbol"))
                .containsExactly("SYM5", "SYM4");
        JsonNode page = api.json("/api/v1/signals?limit=2", 200);
        assertThat(tickers(page, "symbol")).containsExactly("SYM5", "SYM4");
        assertThat(page.get("next_offset").asInt()).isEqualTo(2);
        assertThat(page.at("/items/0/type").asText()).isEqualTo("short");
    }

    @Test
    void signals_badFilters_are400AndUnknownSymbol404() throws Exception {
        assertThat(api.json("/api/v1/signals?min_confidence=2", 400)
                        .get("accepted")
                        .toString())
                .isEqualTo("[\"a number 0..1\"]");
        assertThat(api.json("/api/v1/signals?direction=up", 400).get("accepted").toString())
                .isEqualTo("[\"long\",\"short\"]");
        assertThat(api.json("/api/v1/signals?limit=1001", 400).get("parameter").asText())
                .isEqualTo("limit");
        assertThat(api.json("/api/v1/signals?symbol=NOPE", 404).get("error").asText())
                .isEqualTo("unknown symbol 'NOPE'");
    }

    @Test
    void signals_unknownRun_404NamingRunNotAnEmptyPage() throws Exception {
        JsonNode e = api.json("/api/v1/signals?run=999999", 404);

        assertThat(e.get("error").asText()).isEqualTo("unknown run 999999");
        assertThat(e.get("parameter").asText()).isEqualTo("run");
        assertThat(e.get("value").asText()).isEqualTo("999999");
    }

    @Test
    void runs_listNewestFirstAndOneWithStageTimesAndErrors() throws Exception {
        JsonNode page = api.json("/api/v1/runs?limit=2", 200);
        long oldest = api.ctx
                .database()
                .queryOne(
                        "test.oldest",
                        "SELECT min(id) FROM prediction_runs",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElseThrow();
        new io.dgas.store.collect.CollectRepository(api.ctx.database())
                .save(
                        oldest,
                        new io.dgas.store.collect.CollectReport(
                                2.5, java.util.Map.of("SYM0", 3L, "SYM1", 0L), java.util.Map.of("SYM1", "HTTP 503")));
        JsonNode run = api.json("/api/v1/runs/" + oldest, 200);

        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.at("/items/0/started_at").asText()).isEqualTo("2025-01-01T05:00:00Z");
        assertThat(page.get("next_offset").asInt()).isEqualTo(2);
        assertThat(run.get("status").asText()).isEqualTo("partial");
        assertThat(run.at("/stage_ms/load").asDouble()).isEqualTo(1.5);
        assertThat(run.at("/stage_ms/total").asDouble()).isEqualTo(9.0);
        assertThat(run.at("/errors/0/symbol").asText()).isEqualTo("SYM1");
        assertThat(run.at("/errors/0/error").asText()).isEqualTo("no bars");
        assertThat(run.at("/stage_ms/collect").asDouble()).isEqualTo(2.5);
        assertThat(run.at("/collect/rows/SYM0").asLong()).isEqualTo(3);
        assertThat(run.at("/collect/failures/0/symbol").asText()).isEqualTo("SYM1");
        assertThat(run.at("/collect/failures/0/error").asText()).isEqualTo("HTTP 503");
    }

    @Test
    void runs_unknownIdIs404AndBadIdOrLimit400() throws Exception {
        assertThat(api.json("/api/v1/runs/999999", 404).get("parameter").asText())
                .isEqualTo("id");
        assertThat(api.json("/api/v1/runs/abc", 400).get("parameter").asText()).isEqualTo("id");
        assertThat(api.json("/api/v1/runs?limit=501", 400).get("accepted").toString())
                .isEqualTo("[\"a whole number 1..500\"]");
    }

    @Test
    void config_effectiveWithSecretsMasked() throws Exception {
        String body = api.get("/api/v1/config").body();
        JsonNode config = JSON.readTree(body);

        assertThat(body).doesNotContain("hush-hush-key");
        JsonNode webhook = null;
        for (JsonNode row : config.get("settings")) {
            if (row.get("key").asText().equals(ConfigKeys.ALERTS_WEBHOOK)) {
                webhook = row;
            }
        }
        assertThat(webhook).isNotNull();
        assertThat(webhook.get("value").asText()).contains("hooks.example.com").contains("****");
        assertThat(webhook.get("source").asText()).startsWith("flag");
    }

    @Test
    void health_v1_answersAsHealth() throws Exception {
        assertThat(api.json("/api/v1/health", 200).get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void auth_readsOpenAdminNeedsTokenWrongTokenIs403() throws Exception {
        assertThat(api.get("/api/v1/symbols").statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/cache/clear", null).statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/cache/clear", "wrong").statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/cache/clear", ApiClient.TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void cacheAndMonitor_v1_readsOpenWritesNeedTheToken() throws Exception {
        api.ctx.cache().get("dashboard", "bars:ZZZ:chart", () -> "v");

        assertThat(api.json("/api/v1/cache/stats", 200).toString()).contains("dashboard");
        assertThat(api.json("/api/v1/monitor/statements", 200).get("enabled").asBoolean())
                .isTrue();
        assertThat(api.send("POST", "/api/v1/cache/invalidate?pattern=bars:ZZZ:*", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/cache/invalidate?pattern=bars:ZZZ:*", "wrong")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> removed = api.send("POST", "/api/v1/cache/invalidate?pattern=bars:ZZZ:*", ApiClient.TOKEN);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).get("removed").asInt()).isEqualTo(1);
        HttpResponse<String> noPattern = api.send("POST", "/api/v1/cache/invalidate", ApiClient.TOKEN);
        assertThat(noPattern.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noPattern.body()).get("parameter").asText()).isEqualTo("pattern");
        HttpResponse<String> badRegion = api.send("POST", "/api/v1/cache/clear?region=bogus", ApiClient.TOKEN);
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badRegion.body()).get("accepted").toString()).contains("\"market_data\"");
    }

    @Test
    void auth_webAuthAll_closesReadsToo() throws Exception {
        try (ApiClient closed =
                new ApiClient(api.home().resolve("closed"), api.jdbcUrl(), Map.of(ConfigKeys.WEB_AUTH, "all"))) {
            assertThat(closed.get("/api/v1/symbols").statusCode()).isEqualTo(401);
            assertThat(closed.send("GET", "/api/v1/symbols", "wrong").statusCode())
                    .isEqualTo(403);
            assertThat(closed.send("GET", "/api/v1/symbols", ApiClient.TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(closed.get("/api/cache/stats").statusCode()).isEqualTo(401);
            assertThat(closed.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void openApi_documentsExactlyTheRegisteredRoutes() throws Exception {
        JsonNode doc = api.json("/api/v1/openapi.json", 200);
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
        }

        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.apiRoutes());
        assertThat(documented)
                .contains(
                        "GET /api/v1/symbols",
                        "GET /api/v1/symbols/{symbol}",
                        "GET /api/v1/bars/{symbol}",
                        "GET /api/v1/signals",
                        "GET /api/v1/runs",
                        "GET /api/v1/runs/{id}",
                        "GET /api/v1/config",
                        "GET /api/v1/health",
                        "GET /api/v1/openapi.json",
                        "GET /api/v1/cache/stats",
                        "POST /api/v1/cache/clear",
                        "POST /api/v1/cache/invalidate",
                        "GET /api/v1/monitor/statements");
        JsonNode last = null;
        for (JsonNode p : doc.at("/paths/~1api~1v1~1bars~1{symbol}/get/parameters")) {
            if (p.get("name").asText().equals("last")) {
                last = p;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.at("/schema/maximum").asInt()).isEqualTo(5000);
        assertThat(last.at("/schema/default").asInt()).isEqualTo(200);
        assertThat(doc.at("/paths/~1api~1v1~1cache~1clear/post/security").isArray())
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1symbols/get/security").isMissingNode())
                .isTrue();
    }

    @Test
    void openApi_everyOperationTaggedByItsFeature_tagsListedOnce() throws Exception {
        JsonNode doc = api.json("/api/v1/openapi.json", 200);
        List<String> declared = new ArrayList<>();
        doc.get("tags").forEach(t -> declared.add(t.get("name").asText()));
        List<String> used = new ArrayList<>();
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode op : path) {
                assertThat(op.get("tags")).as(op.get("operationId").asText()).hasSize(1);
                used.add(op.get("tags").get(0).asText());
            }
        }

        assertThat(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(used));
        assertThat(doc.at("/paths/~1api~1v1~1portfolios~1{id}~1risk/get/tags/0").asText())
                .isEqualTo("portfolios");
        assertThat(doc.at("/paths/~1api~1v1~1alerts~1rules/post/tags/0").asText())
                .isEqualTo("alerts");
        assertThat(doc.at("/paths/~1api~1v1~1openapi.json/get/tags/0").asText()).isEqualTo("api");
    }

    @Test
    void openApi_routesThatCreate_documentTheir201AndTheirBodysRefusal() throws Exception {
        JsonNode paths = api.json("/api/v1/openapi.json", 200).get("paths");

        // the document said 200 where these answer 201, and a body's refused field (400) was undocumented
        for (String path : List.of(
                "/api/v1/alerts/rules",
                "/api/v1/portfolios",
                "/api/v1/portfolios/{id}/orders",
                "/api/v1/portfolios/{id}/sessions")) {
            JsonNode responses = paths.at("/" + path.replace("~", "~0").replace("/", "~1") + "/post/responses");
            assertThat(responses.has("201")).as(path).isTrue();
            assertThat(responses.has("200")).as(path).isFalse();
            assertThat(responses.has("400")).as(path).isTrue();
        }
        assertThat(paths.at("/~1api~1v1~1symbols/get/responses").has("200")).isTrue();
    }
}
