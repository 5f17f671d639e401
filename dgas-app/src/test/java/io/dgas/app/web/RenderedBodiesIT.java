package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market page's routes keep each cached answer's rendered body ({@link RenderedBodies}): the same answer is the
 * same bytes and ETag, an {@code If-None-Match} of it is a 304 without a body, gzip is that body compressed, and a bars
 * ingest (through the API, or by another process whose event this server hears) changes the very next answer.
 */
class RenderedBodiesIT {
    @TempDir
    static Path homeUncached;

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ApiClient uncached;
    private static Database other;

    @BeforeAll
    static void start() {
        uncached = new ApiClient(homeUncached, api.jdbcUrl(), Map.of(ConfigKeys.CACHE_ENABLED, "false"));
        other = Database.open(DatabaseSettings.defaults(api.jdbcUrl(), null, null), (n, ns, r, f) -> {});
        MarketSeed.wave(api.ctx, "ETAG", Timeframe.H1, 60, 100);
        MarketSeed.wave(api.ctx, "FRESH", Timeframe.H1, 60, 100);
        MarketSeed.wave(api.ctx, "REMOTE", Timeframe.H1, 60, 100);
    }

    @AfterAll
    static void stop() {
        other.close();
        uncached.close();
    }

    private static HttpResponse<byte[]> get(ApiClient server, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String etag(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.statusCode())
                .as(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Five new 1h bars of {@code symbol} from 2025-01-09T00:00 on (after the 60 seeded), the newest closing at 150. */
    private static String fiveNewBars(String symbol) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int h = 0; h < 5; h++) {
            double close = 146 + h;
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "2025-01-09T%02d:00:00Z,%s,1h,%s,%s,%s,%s,100%n",
                    h,
                    symbol,
                    close,
                    close + 1,
                    close - 1,
                    close));
        }
        return csv.toString();
    }

    @Test
    void analysis_sameAnswerTwice_sameBytesAndTag_ifNoneMatchIs304WithoutBody() throws Exception {
        String path = "/api/v1/analysis/ETAG?interval=1h&last=40";
        HttpResponse<byte[]> first = get(api, path);
        HttpResponse<byte[]> second = get(api, path);

        HttpResponse<byte[]> revalidated = get(api, path, "If-None-Match", etag(first));
        HttpResponse<byte[]> otherTag = get(api, path, "If-None-Match", "W/\"not-this-one\"");

        assertThat(json(first).get("bars")).hasSize(40);
        assertThat(etag(first)).startsWith("W/\"");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(etag(second)).isEqualTo(etag(first));
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(first.headers().firstValue("Content-Length")).contains(Integer.toString(first.body().length));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(etag(revalidated)).isEqualTo(etag(first));
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(first.body());
    }

    @Test
    void bars_urisRepeatedAndBadOnesInBetween_eachAnswerFitsItsOwnQueryAndBadOnesStay400() throws Exception {
        // a route keeps the parsed arguments of the URIs it saw: each URI must keep its own, a bad one none
        for (int round = 0; round < 2; round++) {
            HttpResponse<byte[]> ten = get(api, "/api/v1/bars/ETAG?interval=1h&last=10");
            HttpResponse<byte[]> bad = get(api, "/api/v1/bars/ETAG?interval=1h&last=0");
            HttpResponse<byte[]> twenty = get(api, "/api/v1/bars/ETAG?last=20&interval=1h");
            HttpResponse<byte[]> defaults = get(api, "/api/v1/bars/ETAG?interval=1h");

            assertThat(json(ten).get("bars")).hasSize(10);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("parameter").asText()).isEqualTo("last");
            assertThat(json(twenty).get("bars")).hasSize(20);
            assertThat(json(defaults).get("bars")).hasSize(60); // default last 200, 60 stored
        }
    }

    @Test
    void bars_clientAcceptsGzip_gzipOfTheSameBody_smallPageSentAsIs() throws Exception {
        String path = "/api/v1/bars/ETAG?interval=1h&last=60";
        HttpResponse<byte[]> plain = get(api, path);
        HttpResponse<byte[]> zipped = get(api, path, "Accept-Encoding", "gzip");
        HttpResponse<byte[]> small = get(api, "/api/v1/signals?symbol=ETAG&limit=5", "Accept-Encoding", "gzip");

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(etag(zipped)).isEqualTo(etag(plain));
        assertThat(zipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(json(small).get("items")).isEmpty();
    }

    @Test
    void barsAndAnalysis_barsIngestedThroughTheApi_nextAnswerHasTheNewBarsAndTheOldTagGets200() throws Exception {
        String bars = "/api/v1/bars/FRESH?interval=1h&last=10";
        String analysis = "/api/v1/analysis/FRESH?interval=1h&last=10";
        HttpResponse<byte[]> barsBefore = get(api, bars);
        HttpResponse<byte[]> analysisBefore = get(api, analysis);
        get(api, bars); // kept now
        get(api, analysis);

        HttpResponse<String> ingest = api.post(
                "/api/v1/ingest/bars",
                ApiClient.TOKEN,
                "text/csv",
                fiveNewBars("FRESH").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> barsAfter = get(api, bars, "If-None-Match", etag(barsBefore));
        HttpResponse<byte[]> analysisAfter = get(api, analysis, "If-None-Match", etag(analysisBefore));

        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        assertThat(json(barsBefore).at("/bars/9/ts").asText()).isEqualTo("2025-01-08T11:00:00Z");
        assertThat(json(barsAfter).at("/bars/9/ts").asText()).isEqualTo("2025-01-09T04:00:00Z");
        assertThat(json(barsAfter).at("/bars/9/close").asDouble()).isEqualTo(150.0);
        assertThat(etag(barsAfter)).isNotEqualTo(etag(barsBefore));
        assertThat(json(analysisAfter).at("/bars/9/c").asDouble()).isEqualTo(150.0);
        assertThat(etag(analysisAfter)).isNotEqualTo(etag(analysisBefore));
    }

    @Test
    void bars_ingestedByAnotherProcess_theAnswerAfterItsEventHasTheNewBars() throws Exception {
        String bars = "/api/v1/bars/REMOTE?interval=1h&last=10";
        awaitListening();
        try (SseStream s = new SseStream(api.server.port(), null)) {
            s.await(i -> i.isComment() && i.data().equals("connected"), WAIT);
            s.sync(
                    text -> EventPublisher.postgres(other)
                            .publish(List.of(new EventPublisher.Event("marker", Map.of("text", text)))),
                    WAIT);
            HttpResponse<byte[]> before = get(api, bars);
            get(api, bars); // kept now

            new BarIngestor(other, IngestListener.NONE) // tells this server's caches nothing: only its event does
                    .ingest("remote.csv", new StringReader(fiveNewBars("REMOTE")), null, IngestOptions.defaults());
            s.await(i -> "bars".equals(i.event()) && i.data().contains("\"REMOTE\""), WAIT);
            HttpResponse<byte[]> after = get(api, bars, "If-None-Match", etag(before));

            assertThat(json(before).at("/bars/9/ts").asText()).isEqualTo("2025-01-08T11:00:00Z");
            assertThat(json(after).at("/bars/9/ts").asText()).isEqualTo("2025-01-09T04:00:00Z");
            assertThat(etag(after)).isNotEqualTo(etag(before));
        }
    }

    @Test
    void cachesOff_everyAnswerRenderedAnew_sameContentSameTagAnd304() throws Exception {
        String path = "/api/v1/bars/ETAG?interval=1h&last=20";
        HttpResponse<byte[]> first = get(uncached, path);
        HttpResponse<byte[]> revalidated = get(uncached, path, "If-None-Match", etag(first));

        assertThat(json(first).get("bars")).hasSize(20);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(first.body()).isEqualTo(get(api, path).body());
    }

    private static void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!api.server.eventListener().listening()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the event listener did not LISTEN within " + WAIT);
            }
            Thread.sleep(20); // polling with a deadline, not waiting a fixed time
        }
    }
}
