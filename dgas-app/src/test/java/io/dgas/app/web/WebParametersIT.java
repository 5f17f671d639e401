package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's answers to bad parameters (400 naming parameter, value and what is accepted, also for a parameter the
 * endpoint does not take; 404 for an unknown symbol, and as JSON for a path no endpoint serves),
 * the bars read, and {@code /health} with a configured Redis that cannot be reached.
 */
class WebParametersIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    private static AppContext ctx;
    private static WebServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ctx = new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home)
                        .load(
                                null,
                                Map.of(
                                        ConfigKeys.DB_URL,
                                        PG.jdbcUrl(),
                                        ConfigKeys.REDIS_ENABLED,
                                        "true",
                                        ConfigKeys.REDIS_URL,
                                        "redis://127.0.0.1:" + closedPort),
                                Map.of()),
                Clock.systemUTC());
        server = WebServer.start(ctx, "127.0.0.1", 0, "t0ken");
        new BarIngestor(ctx.database(), ctx.ingestListener())
                .ingest(
                        "web.csv",
                        new StringReader("timestamp,symbol,interval,open,high,low,close,volume\n"
                                + "2025-01-06T00:00:00Z,WEBX,1h,10,12,9,11,100\n"
                                + "2025-01-06T01:00:00Z,WEBX,1h,11,13,10,12,100\n"),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer t0ken")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The status code and body of a GET of {@code pathAndQuery} sent as written (java.net.URI refuses a malformed
     * percent-encoding before sending), over HTTP/1.0 so the body comes unchunked.
     */
    private static String[] rawGet(String pathAndQuery) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream()
                    .write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new String[] {answer.substring(9, 12), answer.substring(answer.indexOf("\r\n\r\n") + 4)};
        }
    }

    /** Checks an error answer's status, JSON type and body fields, and returns the body. */
    private static JsonNode error(HttpResponse<String> r, int status, String error, String parameter, String value)
            throws Exception {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("value").asText()).isEqualTo(value);
        return body;
    }

    @Test
    void cacheClear_unknownRegion_is400NamingParameterValueAndAcceptedRegions() throws Exception {
        JsonNode body = error(
                send("POST", "/api/cache/clear?region=bogus"), 400, "unknown cache region 'bogus'", "region", "bogus");
        assertThat(body.get("accepted").toString())
                .isEqualTo("[\"dashboard\",\"signals\",\"metrics\",\"market_data\",\"portfolio\",\"news\"]");
        assertThat(send("POST", "/api/cache/clear?region=signals").statusCode()).isEqualTo(200);
    }

    @Test
    void bars_storedSeries_returnsTheNewestOldestFirst() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/bars/WEBX?interval=1h&last=1");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/bars").size()).isEqualTo(1);
        assertThat(body.at("/bars/0/close").asDouble()).isEqualTo(12.0);
        assertThat(body.at("/bars/0/ts").asText()).isEqualTo("2025-01-06T01:00:00Z");
    }

    @Test
    void bars_lowerCaseTicker_isTheStoredOne() throws Exception {
        HttpResponse<String> bars = send("GET", "/api/v1/bars/webx?interval=1h&last=1");
        HttpResponse<String> symbol = send("GET", "/api/v1/symbols/%20Webx");

        // ingest stores tickers upper-cased; the API answered "unknown symbol 'webx'" where the CLI took any case
        assertThat(bars.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(bars.body()).get("symbol").asText()).isEqualTo("WEBX");
        assertThat(symbol.statusCode()).isEqualTo(200);
    }

    @Test
    void bars_lastWithFrom_is400NamingLast() throws Exception {
        // last was ignored beside a range: 124 bars answered a request for 3
        error(
                send("GET", "/api/v1/bars/WEBX?interval=1h&last=3&from=2025-01-06"),
                400,
                "last and from exclude each other",
                "last",
                "3");
    }

    @Test
    void bars_badParametersAndUnknownSymbol_are400And404NamingThem() throws Exception {
        HttpResponse<String> interval = send("GET", "/api/v1/bars/WEBX?interval=7q");
        HttpResponse<String> last = send("GET", "/api/v1/bars/WEBX?last=-5");
        HttpResponse<String> unknown = send("GET", "/api/v1/bars/NOPE");

        assertThat(interval.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(interval.body()).get("parameter").asText()).isEqualTo("interval");
        assertThat(JSON.readTree(interval.body()).get("accepted").toString()).contains("\"1h\"");
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(last.body()).get("value").asText()).isEqualTo("-5");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown symbol 'NOPE'");
    }

    @Test
    void textParameterWithNul_is400NamingItNotAFailedStatement() throws Exception {
        // each reached PostgreSQL, which cannot hold a NUL in text: a 500 naming the statement
        for (String path :
                List.of("/api/v1/symbols?q=%00", "/api/v1/portfolios?owner=a%00", "/api/v1/alerts/log?rule=%00")) {
            HttpResponse<String> r = send("GET", path);
            String name = path.substring(path.indexOf('?') + 1, path.indexOf('='));

            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("parameter").asText()).isEqualTo(name);
            assertThat(JSON.readTree(r.body()).get("error").asText())
                    .isEqualTo(name + " must not contain a NUL character");
        }
    }

    @Test
    void queryValueMalformedPercentEncoding_is400NamingParameterAndRawValueNotTheDefault() throws Exception {
        // Javalin read each value as absent: 1h bars, every symbol, a page of 100
        Map<String, List<String>> cases = Map.of(
                "/api/v1/bars/WEBX?interval=%zz", List.of("interval", "%zz"),
                "/api/v1/symbols?q=%zz", List.of("q", "%zz"),
                "/api/v1/symbols?limit=10&q=%", List.of("q", "%"),
                "/api/v1/symbols?limit=%zz", List.of("limit", "%zz"),
                "/api/v1/runs?%zz=1", List.of("%zz", "1"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            String[] r = rawGet(c.getKey());

            assertThat(r[0]).as(c.getKey() + " " + r[1]).isEqualTo("400");
            JsonNode body = JSON.readTree(r[1]);
            assertThat(body.get("parameter").asText())
                    .as(c.getKey())
                    .isEqualTo(c.getValue().get(0));
            assertThat(body.get("value").asText())
                    .as(c.getKey())
                    .isEqualTo(c.getValue().get(1));
            assertThat(body.get("error").asText()).as(c.getKey()).contains("not well percent-encoded");
        }
        assertThat(send("GET", "/api/v1/symbols?q=%57EBX").statusCode()).isEqualTo(200);
    }

    @Test
    void bars_misspeltParameter_is400NamingItAndTheAcceptedOnes() throws Exception {
        JsonNode body = error(
                send("GET", "/api/v1/bars/WEBX?timeframe=1d&last=1"),
                400,
                "unknown parameter 'timeframe'",
                "timeframe",
                "1d");
        assertThat(body.get("accepted").toString()).contains("\"interval\"", "\"last\"");
    }

    @Test
    void analysis_htfFinerThanTheInterval_is400NamingHtfAndTheOnesThatDo() throws Exception {
        JsonNode body = error(
                send("GET", "/api/v1/analysis/WEBX?interval=1d&htf=4h"),
                400,
                "higher timeframe 4h is not coarser than and a whole multiple of the trading timeframe 1d; accepted: [1w]",
                "htf",
                "4h");
        assertThat(body.get("accepted").toString()).isEqualTo("[\"1w\"]");
    }

    @Test
    void analysis_htfEqualToTheInterval_is400() throws Exception {
        JsonNode body = error(
                send("GET", "/api/v1/analysis/WEBX?interval=4h&htf=4h"),
                400,
                "higher timeframe 4h is not coarser than and a whole multiple of the trading timeframe 4h; accepted: [1d,"
                        + " 1w]",
                "htf",
                "4h");
        assertThat(body.get("accepted").toString()).isEqualTo("[\"1d\",\"1w\"]");
    }

    @Test
    void knownPathOtherMethod_is405NamingTheMethodsItTakes() throws Exception {
        HttpResponse<String> r = send("DELETE", "/api/v1/bars/WEBX");

        JsonNode body = error(r, 405, "DELETE is not served at /api/v1/bars/WEBX", "method", "DELETE");
        assertThat(body.get("accepted").toString()).isEqualTo("[\"GET\"]");
        assertThat(r.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void requestJettyRefuses_isTheApiJsonErrorNotAnHtmlPage() throws Exception {
        HttpResponse<String> nul = send("GET", "/api/v1/analysis/%00");
        HttpResponse<String> big = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/symbols"))
                        .header("X-Big", "a".repeat(20_000))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        error(nul, 400, "malformed request (HTTP 400 Bad Request)", "request", "");
        error(big, 431, "malformed request (HTTP 431 Request Header Fields Too Large)", "request", "/api/v1/symbols");
    }

    @Test
    void unknownApiPath_is404JsonNamingThePath() throws Exception {
        error(send("GET", "/api/v1/nothing"), 404, "no GET endpoint /api/v1/nothing", "path", "/api/v1/nothing");
    }

    @Test
    void health_redisConfiguredButUnreachable_isDegradedNotHealthy() throws Exception {
        // until the first connection is refused (at once, but on its own thread) the level is connecting: healthy
        HttpResponse<String> r = send("GET", "/health");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (JSON.readTree(r.body()).at("/cache_l2/connecting").asBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
            r = send("GET", "/health");
        }

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.at("/cache_l2/up").asBoolean()).isFalse();
        assertThat(body.at("/cache_l2/connecting").asBoolean()).isFalse();
    }

    @Test
    void health_bothPaths_useTheApisSnakeCaseNames() throws Exception {
        JsonNode plain = JSON.readTree(send("GET", "/health").body());
        JsonNode api = JSON.readTree(send("GET", "/api/v1/health").body());

        // /health wrote Java's names (pool.acquireP95Ms, cache_l2.queuedInvalidations) where /api/v1/health did not
        assertThat(plain.at("/pool").has("acquire_p95_ms")).isTrue();
        assertThat(plain.at("/cache_l2").has("queued_invalidations")).isTrue();
        assertThat(names(plain, "")).isEqualTo(names(api, ""));
    }

    /** Every field path of {@code n}, values left out. */
    private static java.util.SortedSet<String> names(JsonNode n, String at) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        n.fields().forEachRemaining(e -> {
            out.add(at + "/" + e.getKey());
            if (e.getValue().isObject()) {
                out.addAll(names(e.getValue(), at + "/" + e.getKey()));
            }
        });
        return out;
    }
}
