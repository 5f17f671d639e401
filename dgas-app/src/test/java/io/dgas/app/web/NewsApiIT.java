package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.cli.CliRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * News through both faces: {@code dgas ingest news} and {@code POST /api/v1/news} (validated, all-or-nothing,
 * idempotent by url, token), {@code GET /api/v1/news} paged, and the daily sentiment view after
 * {@code dgas db refresh-views}.
 */
class NewsApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of("cache.enabled", "false"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HEADER = "symbol,published_at,source,url,headline,sentiment\n";
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeAll
    static void start() {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "NWS", 3);
    }

    private static HttpResponse<String> post(String token, String csv) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.server.port() + "/api/v1/news"))
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .header("Content-Type", "text/csv");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String symbol) {
        return api.ctx
                .database()
                .queryOne(
                        "test.news-count",
                        "SELECT count(*) FROM news_items n JOIN symbols y ON y.id = n.symbol_id WHERE y.ticker = ?",
                        ps -> ps.setString(1, symbol),
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(api.home(), api.jdbcUrl(), Map.of(), args);
    }

    @Test
    void ingestNews_validFile_storesEachRowOnceAndAgainIsNoOp() throws Exception {
        Path f = api.home().resolve("news1.csv");
        Files.writeString(
                f,
                HEADER + "NWS1," + TODAY + "T09:00:00Z,wire,https://n.example/1,Up day,0.5\n"
                        + "NWS1," + TODAY + "T10:00:00Z,wire,https://n.example/2,\"Down, then up\",-0.25\n"
                        + "NWS1," + TODAY + ",blog,https://n.example/3,Flat,0\n");

        CliRun first = cli("--json", "ingest", "news", f.toString());
        CliRun again = cli("--json", "ingest", "news", f.toString());

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(JSON.readTree(first.out()).get(0).get("inserted").asLong()).isEqualTo(3);
        assertThat(JSON.readTree(again.out()).get(0).get("inserted").asLong()).isZero();
        assertThat(JSON.readTree(again.out()).get(0).get("unchanged").asLong()).isEqualTo(3);
        assertThat(count("NWS1")).isEqualTo(3);

        CliRun refresh = cli("db", "refresh-views");
        assertThat(refresh.code()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("daily_news_sentiment", "daily_portfolio_performance");
        JsonNode days = api.json("/api/v1/news/sentiment/NWS1?days=1", 200).get("days");
        assertThat(days.size()).isEqualTo(1);
        assertThat(days.get(0).get("items").asLong()).isEqualTo(3);
        assertThat(days.get(0).get("avg_sentiment").asDouble()).isCloseTo((0.5 - 0.25 + 0) / 3, within(1e-12));
    }

    @Test
    void refreshViews_api_withTokenTheSentimentViewHoldsTheNewsWithoutItNothingChanges() throws Exception {
        Path f = api.home().resolve("news-views.csv");
        Files.writeString(
                f,
                HEADER + "NWS3," + TODAY + "T09:00:00Z,wire,https://n.example/v1,Up,0.4\n" + "NWS3," + TODAY
                        + "T10:00:00Z,wire,https://n.example/v2,Down,-0.2\n");
        assertThat(cli("ingest", "news", f.toString()).code()).isZero();

        java.net.http.HttpResponse<String> anonymous =
                api.post("/api/v1/database/refresh-views", null, "text/plain", new byte[0]);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api.json("/api/v1/news/sentiment/NWS3?days=1", 200).get("days"))
                .as("not refreshed yet")
                .isEmpty();
        java.net.http.HttpResponse<String> refreshed =
                api.post("/api/v1/database/refresh-views", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(JSON.readTree(refreshed.body()).findValuesAsText("view"))
                .contains("daily_news_sentiment", "daily_portfolio_performance");
        JsonNode days = api.json("/api/v1/news/sentiment/NWS3?days=1", 200).get("days");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get("items").asLong()).isEqualTo(2);
    }

    @Test
    void ingestNews_badRow_namesFileLineFieldValueAndWritesNothing() throws Exception {
        Path f = api.home().resolve("bad.csv");
        Files.writeString(
                f,
                HEADER + "NWS2," + TODAY + "T09:00:00Z,wire,https://n.example/b1,Fine,0.1\n" + "NWS2," + TODAY
                        + "T09:00:00Z,wire,https://n.example/b2,Too happy,1.5\n");

        CliRun run = cli("ingest", "news", f.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("bad.csv", "line 3", "sentiment", "1.5", "between -1 and 1");
        assertThat(count("NWS2")).isZero();
    }

    @Test
    void ingestNews_controlCharacterInHeadline_isRefusedNamingItsLineNotAFailedStatement() throws Exception {
        Path f = api.home().resolve("nul.csv");
        Files.writeString(
                f,
                HEADER + "NWS2," + TODAY + "T09:00:00Z,wire,https://n.example/n1,Fine,0.1\n" + "NWS2," + TODAY
                        + "T09:00:00Z,wire,https://n.example/n2,Bad\u0000byte,0.1\n");

        CliRun run = cli("ingest", "news", f.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("nul.csv line 3, field headline, value Bad\\x00byte")
                .contains("must not contain control characters");
        assertThat(count("NWS2")).isZero();
    }

    @Test
    void ingestNews_publishedFarInTheFuture_isRefusedNamingTheRange() throws Exception {
        Path f = api.home().resolve("future.csv");
        Files.writeString(
                f,
                HEADER + "NWS2," + TODAY + "T09:00:00Z,wire,https://n.example/f1,Fine,0.1\n"
                        + "NWS2,2099-12-05T10:00:00Z,wire,https://n.example/f2,Typo year,0.1\n");

        CliRun run = cli("ingest", "news", f.toString());

        // 2099 was stored, and led every newest-first list
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("future.csv", "line 3", "published_at", "2099-12-05T10:00:00Z")
                .contains("(ingest.min_timestamp, now + ingest.max_future)");
        assertThat(count("NWS2")).isZero();
    }

    @Test
    void ingestNews_lowerCaseTicker_isTheStoredSymbol() throws Exception {
        api.ctx.database().update("test.symbol", "INSERT INTO symbols (ticker) VALUES ('NWSL')", ps -> {});
        Path f = api.home().resolve("lower.csv");
        Files.writeString(f, HEADER + "nwsl," + TODAY + "T09:00:00Z,wire,https://n.example/l1,Lower,0.2\n");

        CliRun run = cli("ingest", "news", f.toString());

        // "unknown symbol nwsl" before: bars and ticks files upper-case their tickers
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(api.ctx
                        .database()
                        .queryOne(
                                "test.news-ticker",
                                "SELECT y.ticker FROM news_items n JOIN symbols y ON y.id = n.symbol_id"
                                        + " WHERE n.url = 'https://n.example/l1'",
                                ps -> {},
                                rs -> rs.getString(1)))
                .contains("NWSL");
    }

    @Test
    void ingestNews_unknownSymbol_namesItsLine() throws Exception {
        Path f = api.home().resolve("unknown.csv");
        Files.writeString(
                f,
                HEADER + "NWS2,2025-01-02,wire,https://n.example/u1,Who,0.1\n"
                        + "NOPE,2025-01-02,wire,https://n.example/u2,Who,0.1\n");

        CliRun run = cli("ingest", "news", f.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown.csv", "line 3", "symbol", "NOPE", "unknown symbol");
        assertThat(count("NWS2")).isZero();
    }

    @Test
    void postNews_tokenRequiredAndBadBodyIs400() throws Exception {
        String csv = HEADER + "NWS3,2025-03-01T12:00:00Z,api,https://n.example/p1,Posted,0.75\n";

        assertThat(post(null, csv).statusCode()).isEqualTo(401);
        assertThat(post("wrong", csv).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = post(ApiClient.TOKEN, csv);
        HttpResponse<String> bad = post(ApiClient.TOKEN, HEADER + "NWS3,yesterday,api,https://n.example/p2,X,0\n");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("inserted").asLong()).isEqualTo(1);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode err = JSON.readTree(bad.body());
        assertThat(err.get("parameter").asText()).isEqualTo("published_at");
        assertThat(err.get("value").asText()).isEqualTo("yesterday");
        assertThat(err.get("error").asText()).contains("line 2");
    }

    @Test
    void getNews_pagedNewestFirstFilteredBySymbolAndSince() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            csv.append("NWS3,2025-04-0")
                    .append(i)
                    .append("T00:00:00Z,api,https://n.example/g")
                    .append(i)
                    .append(",Day ")
                    .append(i)
                    .append(',')
                    .append(i / 10.0)
                    .append('\n');
        }
        assertThat(post(ApiClient.TOKEN, csv.toString()).statusCode()).isEqualTo(200);

        JsonNode first = api.json("/api/v1/news?symbol=NWS3&since=2025-04-02&limit=3", 200);
        JsonNode last = api.json("/api/v1/news?symbol=NWS3&since=2025-04-02&limit=3&offset=3", 200);

        assertThat(first.get("items").findValuesAsText("headline")).containsExactly("Day 5", "Day 4", "Day 3");
        assertThat(first.get("next_offset").asInt()).isEqualTo(3);
        assertThat(last.get("items").findValuesAsText("headline")).containsExactly("Day 2");
        assertThat(last.get("next_offset").isNull()).isTrue();
        assertThat(api.json("/api/v1/news?symbol=NOPE", 404).get("parameter").asText())
                .isEqualTo("symbol");
        assertThat(api.json("/api/v1/news?limit=0", 400).get("parameter").asText())
                .isEqualTo("limit");
    }
}
