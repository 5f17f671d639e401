package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write routes: CSV uploads (body and multipart), their errors, limits and auth, and a cycle now (409 while one runs). */
class WriteApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.WEB_MAX_UPLOAD_MB, "1"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "CYC", Timeframe.H1, 240, 50);
        MarketSeed.wave(api.ctx, "CYC", Timeframe.H4, 120, 50);
    }

    private static HttpResponse<String> csv(String path, String token, String body) throws Exception {
        return api.post(path, token, "text/csv", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String bar(String symbol, int hour, double close) {
        return String.format(
                java.util.Locale.ROOT,
                "2025-03-03T%02d:00:00Z,%s,1h,%s,%s,%s,%s,100%n",
                hour,
                symbol,
                close,
                close + 1,
                close - 1,
                close);
    }

    @Test
    void ingestBars_withoutOrWithWrongToken_401And403AndNothingLoaded() throws Exception {
        String body = HEADER + bar("AUTHX", 0, 10);

        HttpResponse<String> none = csv("/api/v1/ingest/bars?create_symbols=true", null, body);
        HttpResponse<String> wrong = csv("/api/v1/ingest/bars?create_symbols=true", "wrong", body);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(wrong.statusCode()).isEqualTo(403);
        // the API's error form, naming the header and never echoing the token sent
        for (HttpResponse<String> r : List.of(none, wrong)) {
            JsonNode error = JSON.readTree(r.body());
            assertThat(error.get("parameter").asText()).isEqualTo("Authorization");
            assertThat(error.get("value").isNull()).isTrue();
            assertThat(error.get("accepted").toString()).isEqualTo("[\"Bearer <admin token>\"]");
        }
        assertThat(JSON.readTree(none.body()).get("error").asText()).startsWith("admin token required");
        assertThat(JSON.readTree(wrong.body()).get("error").asText()).isEqualTo("wrong admin token");
        assertThat(api.get("/api/v1/symbols/AUTHX").statusCode()).isEqualTo(404);
    }

    @Test
    void ingestBars_csvBody_reportsAndAReadAfterwardsSeesTheNewBar() throws Exception {
        csv("/api/v1/ingest/bars?create_symbols=true", ApiClient.TOKEN, HEADER + bar("UPL", 0, 10) + bar("UPL", 1, 11));
        JsonNode before = api.json("/api/v1/bars/UPL?interval=1h", 200); // now cached

        HttpResponse<String> r =
                csv("/api/v1/ingest/bars", ApiClient.TOKEN, HEADER + bar("UPL", 1, 12) + bar("UPL", 2, 13));
        JsonNode after = api.json("/api/v1/bars/UPL?interval=1h", 200);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body()).at("/reports/0");
        assertThat(report.get("rows_read").asInt()).isEqualTo(2);
        assertThat(report.get("inserted").asInt()).isEqualTo(1);
        assertThat(report.get("updated").asInt()).isEqualTo(1);
        assertThat(report.get("series_changed").get(0).asText()).isEqualTo("UPL/1h");
        assertThat(before.get("bars").size()).isEqualTo(2);
        assertThat(after.get("bars").size()).isEqualTo(3);
        assertThat(after.at("/bars/1/close").asDouble()).isEqualTo(12.0);
    }

    @Test
    void ingestBars_assetClass_createsTheSymbolOfThatClass_unknownClassIs400() throws Exception {
        HttpResponse<String> ok = csv(
                "/api/v1/ingest/bars?create_symbols=true&asset_class=crypto",
                ApiClient.TOKEN,
                HEADER + bar("CLSX", 0, 10));
        HttpResponse<String> bad = csv(
                "/api/v1/ingest/bars?create_symbols=true&asset_class=bond",
                ApiClient.TOKEN,
                HEADER + bar("CLSY", 0, 10));

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(api.json("/api/v1/symbols/CLSX", 200)
                        .at("/symbol/asset_class")
                        .asText())
                .isEqualTo("crypto");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("asset_class", "bond");
        assertThat(api.get("/api/v1/symbols/CLSY").statusCode()).isEqualTo(404);
    }

    @Test
    void ingestBars_afterACachedAnalysis_theNextAnalysisHasTheNewBar() throws Exception {
        StringBuilder five = new StringBuilder(HEADER);
        for (int h = 0; h < 5; h++) {
            five.append(bar("ANX", h, 10 + h));
        }
        csv("/api/v1/ingest/bars?create_symbols=true", ApiClient.TOKEN, five.toString());
        JsonNode first = api.json("/api/v1/analysis/ANX?interval=1h", 200);
        long hitsBefore = dashboardHits();
        JsonNode again = api.json("/api/v1/analysis/ANX?interval=1h", 200);
        long hitsAfter = dashboardHits();

        csv("/api/v1/ingest/bars", ApiClient.TOKEN, HEADER + bar("ANX", 5, 15));
        JsonNode after = api.json("/api/v1/analysis/ANX?interval=1h", 200);

        assertThat(first.get("bars").size()).isEqualTo(5);
        assertThat(again).isEqualTo(first);
        assertThat(hitsAfter).isGreaterThan(hitsBefore);
        assertThat(after.get("bars").size()).isEqualTo(6);
        assertThat(after.at("/bars/5/ts").asLong())
                .isEqualTo(java.time.Instant.parse("2025-03-03T05:00:00Z").getEpochSecond());
    }

    private static long dashboardHits() {
        return api.ctx.cache().stats().stream()
                .filter(r -> r.region().equals("dashboard"))
                .mapToLong(r -> r.hits())
                .sum();
    }

    @Test
    void ingestBars_badRow_422NamingLineFieldAndValue() throws Exception {
        String body = HEADER + bar("BADR", 0, 10) + "2025-03-03T01:00:00Z,BADR,1h,10,9,8,10,100\n";

        HttpResponse<String> r = csv("/api/v1/ingest/bars?create_symbols=true", ApiClient.TOKEN, body);

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.get("line").asInt()).isEqualTo(3);
        assertThat(e.get("field").asText()).isEqualTo("high");
        assertThat(e.get("value").asText()).isEqualTo("9");
        assertThat(e.get("parameter").asText()).isEqualTo("high");
        assertThat(e.get("accepted").get(0).asText()).startsWith("high must be >=");
        assertThat(e.get("error").asText()).contains("line 3");
        assertThat(api.get("/api/v1/symbols/BADR").statusCode()).isEqualTo(404);
    }

    @Test
    void ingestBars_skipInvalid_loadsTheGoodRowsAndCountsTheBad() throws Exception {
        String body = HEADER + bar("SKIPX", 0, 10) + "2025-03-03T01:00:00Z,SKIPX,1h,10,9,8,10,100\n";

        HttpResponse<String> r =
                csv("/api/v1/ingest/bars?create_symbols=true&skip_invalid=true", ApiClient.TOKEN, body);

        JsonNode report = JSON.readTree(r.body()).at("/reports/0");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(report.get("inserted").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
    }

    @Test
    void ingestBars_dateFormWithSymbolIntervalAndTimezone_readsLocalTimes() throws Exception {
        String body = "date,open,high,low,close,volume\n2025-03-03 09:00:00,10,11,9,10.5,100\n";

        HttpResponse<String> r = csv(
                "/api/v1/ingest/bars?symbol=TZX&interval=1h&timezone=America/New_York&create_symbols=true",
                ApiClient.TOKEN,
                body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode bars = api.json("/api/v1/bars/TZX?interval=1h", 200);

        assertThat(bars.at("/bars/0/ts").asText()).isEqualTo("2025-03-03T14:00:00Z");
    }

    @Test
    void ingestBars_adjusted_storesThePricesScaledToTheAdjustedClose() throws Exception {
        String body = "Date,Open,High,Low,Close,Adj Close,Volume\n2025-03-03,200,210,190,204,102,100\n";

        HttpResponse<String> r = csv(
                "/api/v1/ingest/bars?symbol=ADJX&interval=1d&adjusted=true&create_symbols=true", ApiClient.TOKEN, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode bar = api.json("/api/v1/bars/ADJX?interval=1d", 200).at("/bars/0");

        assertThat(bar.get("close").asDouble()).isEqualTo(102);
        assertThat(bar.get("open").asDouble()).isEqualTo(100);
        assertThat(bar.get("high").asDouble()).isEqualTo(105);
        assertThat(bar.get("low").asDouble()).isEqualTo(95);
    }

    @Test
    void ingestBars_newYorkTimesWithoutTheirZone_warnsOfTheShift_withTheZoneNoWarning() throws Exception {
        // a New York session's hours, 09:00-15:00 on Monday 3 March 2025 (EST, UTC-5)
        StringBuilder day = new StringBuilder("date,open,high,low,close,volume\n");
        for (int h = 9; h <= 15; h++) {
            day.append(String.format("2025-03-03 %02d:00:00,10,11,9,10.5,100%n", h));
        }

        JsonNode utc = JSON.readTree(csv(
                        "/api/v1/ingest/bars?symbol=TZW&interval=1h&timezone=UTC&create_symbols=true",
                        ApiClient.TOKEN,
                        day.toString())
                .body());
        JsonNode local = JSON.readTree(csv(
                        "/api/v1/ingest/bars?symbol=TZV&interval=1h&timezone=America/New_York&create_symbols=true",
                        ApiClient.TOKEN,
                        day.toString())
                .body());

        // read as UTC, 09:00-13:00 meet no session (14:30-21:00 UTC); five hours later all seven would
        assertThat(utc.at("/reports/0/warnings/0").asText())
                .isEqualTo("5 of the newest 7 1h bars of TZW fall outside the us-equities market's hours; moved by +5"
                        + " h all but 0 would be in its hours: were the times read in the wrong zone? (load the file"
                        + " again with --timezone); dgas data check --symbol TZW --interval 1h lists them");
        assertThat(local.at("/reports/0/warnings").size()).isZero();
    }

    @Test
    void ingestBars_unknownTimezone_400NamingIt() throws Exception {
        HttpResponse<String> r =
                csv("/api/v1/ingest/bars?timezone=Mars/Olympus", ApiClient.TOKEN, HEADER + bar("TZY", 0, 1));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("parameter").asText()).isEqualTo("timezone");
    }

    @Test
    void ingestBars_overTheSizeLimit_413() throws Exception {
        StringBuilder big = new StringBuilder(HEADER);
        while (big.length() <= 1024 * 1024) {
            big.append(bar("BIGX", 0, 10));
        }

        HttpResponse<String> r = csv("/api/v1/ingest/bars?create_symbols=true", ApiClient.TOKEN, big.toString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("web.max_upload_mb");
        assertThat(JSON.readTree(r.body()).get("parameter").asText()).isEqualTo("body");
    }

    @Test
    void ingestBars_emptyBody_400() throws Exception {
        HttpResponse<String> r = csv("/api/v1/ingest/bars", ApiClient.TOKEN, "");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("parameter").asText()).isEqualTo("body");
    }

    @Test
    void ingestBars_multipartAtomicWithOneBadFile_loadsNeither() throws Exception {
        HttpResponse<String> bad = multipart(
                "/api/v1/ingest/bars?create_symbols=true",
                Map.of(
                        "a.csv", HEADER + bar("MPA", 0, 10),
                        "b.csv", HEADER + "2025-03-03T01:00:00Z,MPB,1h,10,9,8,10,100\n"));
        HttpResponse<String> good = multipart(
                "/api/v1/ingest/bars?create_symbols=true",
                Map.of("c.csv", HEADER + bar("MPC", 0, 10), "d.csv", HEADER + bar("MPD", 0, 10)));

        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(api.get("/api/v1/symbols/MPA").statusCode()).isEqualTo(404);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(JSON.readTree(good.body()).get("reports").size()).isEqualTo(2);
        assertThat(api.json("/api/v1/bars/MPD?interval=1h", 200).get("bars").size())
                .isEqualTo(1);
    }

    @Test
    void ingestTicks_csvBody_loadedAndSymbolRequired() throws Exception {
        String ticks = "timestamp,price,amount\n2025-03-03T00:00:01Z,100.5,0.1\n2025-03-03T00:00:02Z,100.7,0.2\n";

        HttpResponse<String> ok = csv("/api/v1/ingest/ticks?symbol=TICKX&create_symbols=true", ApiClient.TOKEN, ticks);
        HttpResponse<String> noSymbol = csv("/api/v1/ingest/ticks", ApiClient.TOKEN, ticks);

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).at("/reports/0/inserted").asInt()).isEqualTo(2);
        assertThat(noSymbol.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noSymbol.body()).get("parameter").asText()).isEqualTo("symbol");
    }

    @Test
    void ingestBars_noSymbolColumnAndNoneGiven_400NamingTheQueryParametersNotTheCommandsOptions() throws Exception {
        HttpResponse<String> r = csv(
                "/api/v1/ingest/bars", ApiClient.TOKEN, "date,open,high,low,close,volume\n2025-03-03,10,11,9,10,1\n");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.get("error").asText()).isEqualTo("upload.csv has no symbol column: give symbol and interval");
        assertThat(e.get("parameter").asText()).isEqualTo("symbol");
        assertThat(e.get("accepted").toString()).doesNotContain("--");
    }

    @Test
    void ingestUnknownGivenSymbol_404UnknownSymbolNamingItAndCreateSymbols() throws Exception {
        HttpResponse<String> ticks = csv(
                "/api/v1/ingest/ticks?symbol=nope",
                ApiClient.TOKEN,
                "timestamp,price,amount\n2025-03-03T00:00:01Z,1,1\n");
        HttpResponse<String> bars = csv(
                "/api/v1/ingest/bars?symbol=NOPE&interval=1d",
                ApiClient.TOKEN,
                "date,open,high,low,close,volume\n2025-03-03,10,11,9,10,1\n");
        HttpResponse<String> row = csv("/api/v1/ingest/bars", ApiClient.TOKEN, HEADER + bar("NOPE", 0, 10));

        for (HttpResponse<String> r : List.of(ticks, bars)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            JsonNode e = JSON.readTree(r.body());
            assertThat(e.get("error").asText()).isEqualTo("unknown symbol 'NOPE'; add it with create_symbols=true");
            assertThat(e.get("parameter").asText()).isEqualTo("symbol");
            assertThat(e.get("value").asText()).isEqualTo("NOPE");
        }
        // a row's own ticker is a bad row, named by its line
        assertThat(row.statusCode()).as(row.body()).isEqualTo(422);
        assertThat(JSON.readTree(row.body()).get("reason").asText())
                .isEqualTo("unknown symbol; add it with create_symbols=true");
        assertThat(api.get("/api/v1/symbols/NOPE").statusCode()).isEqualTo(404);
    }

    @Test
    void ingestBars_symbolOrIntervalDisagreeingWithTheFilesColumns_400NamingBothNothingStored() throws Exception {
        String file = HEADER + bar("TSTA", 0, 10) + bar("TSTA", 1, 11);

        HttpResponse<String> symbol =
                csv("/api/v1/ingest/bars?symbol=YHO&interval=1d&create_symbols=true", ApiClient.TOKEN, file);
        HttpResponse<String> interval =
                csv("/api/v1/ingest/bars?interval=1d&create_symbols=true", ApiClient.TOKEN, file);
        HttpResponse<String> agreeing = csv(
                "/api/v1/ingest/bars?symbol=tsta2&interval=1h&create_symbols=true",
                ApiClient.TOKEN,
                file.replace("TSTA", "TSTA2"));

        assertThat(symbol.statusCode()).as(symbol.body()).isEqualTo(400);
        JsonNode s = JSON.readTree(symbol.body());
        assertThat(s.get("error").asText())
                .isEqualTo("upload.csv line 2 has symbol TSTA but symbol=YHO was given: leave symbol out (the file's"
                        + " symbol column decides) or give TSTA");
        assertThat(s.get("parameter").asText()).isEqualTo("symbol");
        assertThat(s.get("value").asText()).isEqualTo("YHO");
        assertThat(interval.statusCode()).as(interval.body()).isEqualTo(400);
        JsonNode i = JSON.readTree(interval.body());
        assertThat(i.get("parameter").asText()).isEqualTo("interval");
        assertThat(i.get("value").asText()).isEqualTo("1d");
        assertThat(i.get("error").asText()).contains("has interval 1h but interval=1d");
        assertThat(api.get("/api/v1/symbols/TSTA").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/symbols/YHO").statusCode()).isEqualTo(404);
        assertThat(agreeing.statusCode()).as(agreeing.body()).isEqualTo(200);
        assertThat(JSON.readTree(agreeing.body()).at("/reports/0/inserted").asInt())
                .isEqualTo(2);
    }

    @Test
    void fillGaps_noApiKeyConfigured_400NamingTheConfigKey() throws Exception {
        HttpResponse<String> r = api.post(
                "/api/v1/ingest/fill-gaps?symbols=CYC&interval=1h", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body());
        assertThat(e.get("parameter").asText()).isEqualTo("api.key");
        assertThat(e.get("error").asText()).contains("api.key", "DGAS_API_KEY");
        assertThat(e.get("accepted").size()).isPositive();
    }

    @Test
    void cycle_withToken_runsAndAnswersTheStoredRun() throws Exception {
        HttpResponse<String> r =
                api.post("/api/v1/cycle?symbols=CYC&htf=4h&trading=1h", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        int id = body.at("/run/id").asInt();
        JsonNode run = api.json("/api/v1/runs/" + id, 200);
        assertThat(run.get("symbols_processed").asInt()).isEqualTo(1);
        assertThat(run.get("settings_line").asText()).isEqualTo("defaults");
        assertThat(run.at("/settings/signals/min_reward_risk").asDouble())
                .isEqualTo(io.dgas.calc.drummond.SignalParams.defaults().minRewardRisk());
        assertThat(body.get("signals").isArray()).isTrue();
        assertThat(body.get("paper").isArray())
                .as("each active paper session's part")
                .isTrue();
    }

    @Test
    void cycle_signalParameters_overrideTheConfiguredOnesForThisRunAndAreChecked() throws Exception {
        HttpResponse<String> r = api.post(
                "/api/v1/cycle?symbols=CYC&min_reward_risk=3&expiry_bars=8",
                ApiClient.TOKEN,
                "text/plain",
                new byte[0]);
        HttpResponse<String> zero =
                api.post("/api/v1/cycle?symbols=CYC&min_reward_risk=0", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/run/settings_line").asText())
                .isEqualTo("min_reward_risk 3, expiry_bars 8");
        assertThat(zero.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(zero.body());
        assertThat(error.get("parameter").asText()).isEqualTo("min_reward_risk");
        assertThat(error.get("value").asText()).isEqualTo("0");
    }

    @Test
    void cycle_tradingWithoutHtf_runsWithItsDefaultPair() throws Exception {
        HttpResponse<String> r =
                api.post("/api/v1/cycle?symbols=CYC&trading=1d", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void cycle_tradingOfTheCoarsestTimeframeWithoutHtf_400NamingTrading() throws Exception {
        HttpResponse<String> r =
                api.post("/api/v1/cycle?symbols=CYC&trading=1w", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("parameter").asText()).as("no htf was sent").isEqualTo("trading");
        assertThat(error.get("value").asText()).isEqualTo("1w");
        assertThat(error.get("error").asText()).contains("coarsest");
        assertThat(error.get("accepted")).isNotEmpty();
    }

    @Test
    void cycle_badRequestOrNoToken_400And401() throws Exception {
        HttpResponse<String> inverted =
                api.post("/api/v1/cycle?symbols=CYC&htf=1h&trading=4h", ApiClient.TOKEN, "text/plain", new byte[0]);
        HttpResponse<String> unknown =
                api.post("/api/v1/cycle?symbols=NOPE", ApiClient.TOKEN, "text/plain", new byte[0]);
        HttpResponse<String> anonymous = api.post("/api/v1/cycle", null, "text/plain", new byte[0]);

        assertThat(inverted.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(inverted.body()).get("parameter").asText()).isEqualTo("htf");
        assertThat(JSON.readTree(inverted.body()).get("accepted").toString()).isEqualTo("[\"1d\",\"1w\"]");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void cycle_whileOneRuns_409() throws Exception {
        CompletableFuture<HttpResponse<String>> first;
        try (Connection lock = api.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                // the first cycle blocks on its run row until this transaction ends
                st.execute("LOCK TABLE prediction_runs IN ACCESS EXCLUSIVE MODE");
            }
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.post("/api/v1/cycle?symbols=CYC", ApiClient.TOKEN, "text/plain", new byte[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!api.ctx.cycles().isRunning() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            HttpResponse<String> second =
                    api.post("/api/v1/cycle?symbols=CYC", ApiClient.TOKEN, "text/plain", new byte[0]);

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).get("error").asText()).contains("running");
            lock.rollback();
        }
        assertThat(first.get().statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> multipart(String path, Map<String, String> files) throws Exception {
        String boundary = "dgas-test-boundary";
        StringBuilder b = new StringBuilder();
        files.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(f -> b.append("--")
                        .append(boundary)
                        .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                        .append(f.getKey())
                        .append("\"\r\nContent-Type: text/csv\r\n\r\n")
                        .append(f.getValue())
                        .append("\r\n"));
        b.append("--").append(boundary).append("--\r\n");
        return api.post(
                path,
                ApiClient.TOKEN,
                "multipart/form-data; boundary=" + boundary,
                b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
