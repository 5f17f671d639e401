package io.dgas.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dgas.domain.Timeframe;
import io.dgas.testkit.FakeClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API client against a local HTTP server whose responses the test scripts; no real sleeping. */
class EodhdClientTest {
    static final String KEY = "s3cr3t-key-123";
    static final String EOD = "[{\"date\":\"2024-01-02\",\"open\":187.15,\"high\":188.44,\"low\":183.89,"
            + "\"close\":185.64,\"adjusted_close\":185.4,\"volume\":82488700}]";

    record Reply(int status, String body, String retryAfter) {}

    HttpServer server;
    final Deque<Reply> replies = new ArrayDeque<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final FakeClock clock = new FakeClock(Instant.parse("2024-06-01T00:00:00Z"));
    final List<Duration> sleeps = new ArrayList<>();
    final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().toString());
            Reply r = replies.isEmpty() ? new Reply(500, "no scripted reply", null) : replies.poll();
            if (r.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EodhdClient client(int perMinute) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new EodhdClient(ApiSettings.of(base, KEY, perMinute), HttpClient.newHttpClient(), clock, sleeper);
    }

    private String fetchEod(EodhdClient c) {
        return c.barsCsv(
                "aapl.us", Timeframe.D1, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-31T00:00:00Z"));
    }

    @Test
    void barsCsv_eod_requestsPathAndReturnsBarsCsv() {
        replies.add(new Reply(200, EOD, null));

        String csv = fetchEod(client(60));

        assertThat(csv)
                .as("the adjusted close as the last column, which a load reads only to adjust")
                .isEqualTo("timestamp,symbol,interval,open,high,low,close,volume,adjusted_close\n"
                        + "2024-01-02,AAPL.US,1d,187.15,188.44,183.89,185.64,82488700,185.4\n");
        assertThat(requests)
                .containsExactly(
                        "/api/eod/AAPL.US?api_token=" + KEY + "&fmt=json&period=d&from=2024-01-01&to=2024-01-31");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void barsCsv_429WithRetryAfter_waitsAsToldThenSucceeds() {
        replies.add(new Reply(429, "slow down", "7"));
        replies.add(new Reply(200, EOD, null));

        String csv = fetchEod(client(60));

        assertThat(csv).contains("AAPL.US,1d,187.15");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(requests).hasSize(2);
    }

    @Test
    void barsCsv_503ThenSuccess_retriesAfterInitialBackoff() {
        replies.add(new Reply(503, "down", null));
        replies.add(new Reply(502, "down", null));
        replies.add(new Reply(200, EOD, null));

        fetchEod(client(60));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void barsCsv_nothingListening_namesTheRefusedHostInsteadOfNull() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        EodhdClient c = new EodhdClient(
                ApiSettings.of("http://127.0.0.1:" + closed, KEY, 60), HttpClient.newHttpClient(), clock, sleeper);

        assertThatThrownBy(() -> fetchEod(c))
                .isInstanceOf(UnableToFetchException.class)
                .hasMessageContaining("after 5 attempts: network error: cannot connect to 127.0.0.1:" + closed)
                .hasMessageNotContaining("null")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void networkProblem_unresolvedOrTimedOut_saysSoWhereTheMessagesAreNull() {
        URI uri = URI.create("https://eodhd.com/api/eod/AAPL.US");
        IOException unresolved = new java.net.ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());

        assertThat(NetworkProblem.describe(unresolved, uri, Duration.ofSeconds(30)))
                .isEqualTo("cannot resolve host eodhd.com");
        assertThat(NetworkProblem.describe(
                        new java.net.http.HttpConnectTimeoutException(null), uri, Duration.ofSeconds(30)))
                .isEqualTo("no answer from eodhd.com within 30000 ms");
        assertThat(NetworkProblem.describe(new IOException(), uri, Duration.ofSeconds(30)))
                .isEqualTo("IOException");
    }

    @Test
    void barsCsv_alwaysFailing_givesUpAfterBoundedAttemptsWithoutKey() {
        for (int i = 0; i < 10; i++) {
            replies.add(new Reply(500, "boom", null));
        }

        assertThatThrownBy(() -> fetchEod(client(60)))
                .isInstanceOf(UnableToFetchException.class)
                .hasMessageContaining("after 5 attempts: HTTP 500")
                .hasMessageContaining("api_token=****")
                .hasMessageNotContaining(KEY);
        assertThat(requests).hasSize(5);
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void barsCsv_401_failsAtOnceWithoutKeyInMessage() {
        replies.add(new Reply(401, "Unauthenticated", null));

        assertThatThrownBy(() -> fetchEod(client(60)))
                .isInstanceOf(ApiRequestException.class)
                .isInstanceOf(io.dgas.UserError.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("api_token=****")
                .hasMessageNotContaining(KEY);
        assertThat(requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void barsCsv_404_failsAtOnce() {
        replies.add(new Reply(404, "Ticker Not Found", null));

        assertThatThrownBy(() -> fetchEod(client(60)))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("not found (HTTP 404)")
                .hasMessageNotContaining(KEY);
        assertThat(requests).hasSize(1);
    }

    @Test
    void barsCsv_moreRequestsThanTheLimit_limiterWaitsForTheWindow() {
        for (int i = 0; i < 5; i++) {
            replies.add(new Reply(200, "[]", null));
        }
        EodhdClient c = client(3);

        for (int i = 0; i < 5; i++) {
            fetchEod(c);
        }

        // requests 1-3 at t=0; the 4th must wait until t=60 s; the 5th fits in the same new window
        assertThat(requests).hasSize(5);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void barsCsv_intraday_splitsIntoApiWindowsAndWritesEpochTimestamps() {
        replies.add(new Reply(
                200,
                "[{\"timestamp\":1704205800,\"gmtoffset\":0,\"datetime\":\"2024-01-02 14:30:00\","
                        + "\"open\":187.1,\"high\":187.5,\"low\":186.9,\"close\":187.2,\"volume\":null}]",
                null));
        replies.add(new Reply(200, "[]", null));

        String csv = client(60)
                .barsCsv(
                        "MSFT",
                        Timeframe.M1,
                        Instant.parse("2024-01-01T00:00:00Z"),
                        Instant.parse("2024-05-30T00:00:00Z"));

        assertThat(csv).endsWith("1704205800,MSFT,1m,187.1,187.5,186.9,187.2,\n");
        assertThat(requests).hasSize(2); // 150 days of 1m in windows of 120 days
        assertThat(requests.get(0)).contains("interval=1m&from=1704067200&to=1714435199");
    }

    @Test
    void create_withoutKey_isAConfigurationError() {
        assertThatThrownBy(() ->
                        new EodhdClient(ApiSettings.of(null, " ", 60), HttpClient.newHttpClient(), clock, sleeper))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("DGAS_API_KEY");
    }
}
