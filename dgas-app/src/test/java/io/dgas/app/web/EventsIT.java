package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.Await;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/events} with a real streaming client: events made by other connections reach it through
 * {@code LISTEN/NOTIFY}, rolled-back work announces nothing, heartbeats flow, gone clients are dropped, and the listener
 * comes back after losing its connection.
 */
class EventsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.EVENTS_HEARTBEAT, "1"));

    /** Another pool on the same database: the "other process" that writes. */
    private static Database other;

    @BeforeAll
    static void start() {
        other = Database.open(DatabaseSettings.defaults(api.jdbcUrl(), null, null), (n, ns, r, f) -> {});
        api.ctx
                .database()
                .update("test.symbols", "INSERT INTO symbols (ticker) VALUES ('EVA')", SqlSession.Binder.NONE);
    }

    @AfterAll
    static void stop() {
        other.close();
    }

    @BeforeEach
    void listening() throws Exception {
        Await.until(() -> api.server.eventListener().listening(), "the listener to LISTEN");
    }

    private static SseStream connect() throws Exception {
        SseStream s = new SseStream(api.server.port(), null);
        assertThat(s.response.statusCode()).isEqualTo(200);
        assertThat(s.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        s.await(i -> i.isComment() && i.data().equals("connected"), WAIT);
        // events of earlier tests may still be on their way: once this marker is through, the stream is quiet
        s.sync(text -> marker(text), WAIT);
        return s;
    }

    private static JsonNode data(SseStream.Item i) throws Exception {
        return JSON.readTree(i.data());
    }

    private static String csv(String ticker, String... hours) {
        StringBuilder b = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (String h : hours) {
            b.append("2025-03-03T").append(h).append(":00:00Z,").append(ticker).append(",1h,10,12,9,11,100\n");
        }
        return b.toString();
    }

    private static void marker(String text) {
        EventPublisher.postgres(other).publish(List.of(new EventPublisher.Event("marker", Map.of("text", text))));
    }

    @Test
    void bars_ingestOnAnotherConnection_reachesTheStreamOncePerSeries() throws Exception {
        try (SseStream s = connect()) {
            new BarIngestor(other, IngestListener.NONE)
                    .ingest(
                            "evt.csv",
                            new StringReader(csv("EVB", "00", "01", "02")),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));

            JsonNode bars = data(s.await(i -> "bars".equals(i.event()), WAIT));
            assertThat(bars.get("symbol").asText()).isEqualTo("EVB");
            assertThat(bars.get("timeframe").asText()).isEqualTo("1h");
            assertThat(bars.get("newest_ts").asText()).isEqualTo("2025-03-03T02:00:00Z");
            assertThat(bars.get("rows").asLong()).isEqualTo(3);
            marker("after-bars");
            assertThat(s.nextEvent(WAIT).event()).isEqualTo("marker"); // one event for the one series, no more
        }
    }

    @Test
    void types_chosenEvents_onlyThoseReachTheStreamAndAnUnknownOneIs400() throws Exception {
        try (SseStream all = connect();
                SseStream bars = new SseStream(api.server.port(), null, "?types=bars")) {
            bars.await(i -> i.isComment() && i.data().equals("connected"), WAIT);
            marker("before-bars");
            new BarIngestor(other, IngestListener.NONE)
                    .ingest(
                            "chosen.csv",
                            new StringReader(csv("EVT", "00")),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));

            // every event went to every client: the marker came first
            assertThat(all.nextEvent(WAIT).event()).isEqualTo("marker");
            SseStream.Item first = bars.nextEvent(WAIT);
            assertThat(first.event()).isEqualTo("bars");
            assertThat(data(first).get("symbol").asText()).isEqualTo("EVT");
        }
        HttpResponseLike bad = HttpResponseLike.get(api.server.port(), "/api/v1/events?types=bars,trades");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("parameter").asText()).isEqualTo("types");
        assertThat(JSON.readTree(bad.body()).get("accepted").toString()).contains("\"alert\"");
    }

    @Test
    void events_requestWithoutEventStreamAccept_is400NamingTheHeader() throws Exception {
        HttpResponseLike plain = HttpResponseLike.get(api.server.port(), "/api/v1/events");

        assertThat(plain.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(plain.body());
        assertThat(error.get("parameter").asText()).isEqualTo("Accept");
        assertThat(error.get("error").asText()).contains("server-sent event stream");
        assertThat(error.get("accepted").toString()).isEqualTo("[\"text/event-stream\"]");
    }

    /** A plain GET's status and body. */
    private record HttpResponseLike(int status, String body) {
        static HttpResponseLike get(int port, String path) throws Exception {
            var r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return new HttpResponseLike(r.statusCode(), r.body());
        }
    }

    @Test
    void bars_ingestByAnotherProcess_cachedBarsAreFreshOnceTheEventArrives() throws Exception {
        BarIngestor elsewhere = new BarIngestor(other, IngestListener.NONE); // tells this server's caches nothing
        IngestOptions create = IngestOptions.defaults().withCreateSymbols(true);
        elsewhere.ingest("one.csv", new StringReader(csv("EVF", "00")), null, create);
        try (SseStream s = connect()) {
            assertThat(api.json("/api/v1/bars/EVF?last=10", 200).get("bars").size())
                    .isEqualTo(1); // now cached
            elsewhere.ingest("two.csv", new StringReader(csv("EVF", "01")), null, create);

            // the first load's event may still be on its way: wait for the second one's newest bar
            s.await(
                    i -> "bars".equals(i.event())
                            && i.data().contains("\"EVF\"")
                            && i.data().contains("T01:00:00Z"),
                    WAIT);

            assertThat(api.json("/api/v1/bars/EVF?last=10", 200).get("bars").size())
                    .isEqualTo(2);
        }
    }

    @Test
    void rolledBack_ingestOrTransaction_announcesNothing() throws Exception {
        try (SseStream s = connect()) {
            String bad = csv("EVR", "00") + "2025-03-03T01:00:00Z,EVR,1h,10,12,9,not-a-price,100\n";
            assertThatThrownBy(() -> new BarIngestor(other, IngestListener.NONE)
                            .ingest(
                                    "bad.csv",
                                    new StringReader(bad),
                                    null,
                                    IngestOptions.defaults().withCreateSymbols(true)))
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> other.inTransaction(tx -> {
                        EventPublisher.postgres(other)
                                .publish(tx, List.of(new EventPublisher.Event("bars", Map.of("symbol", "GHOST"))));
                        throw new IllegalStateException("roll back");
                    }))
                    .hasMessageContaining("roll back");
            marker("after-rollbacks");

            SseStream.Item first = s.nextEvent(WAIT);
            assertThat(first.event()).isEqualTo("marker");
            assertThat(data(first).get("text").asText()).isEqualTo("after-rollbacks");
        }
    }

    @Test
    void run_cycleStoresARun_runAndSignalsEventsFollow() throws Exception {
        new BarIngestor(other, IngestListener.NONE)
                .ingest(
                        "evc.csv",
                        new StringReader(csv("EVC", "00", "01")),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        try (SseStream s = connect()) {
            CycleResult r = api.ctx
                    .cycle(x -> x)
                    .run(new CycleRequest(List.of("EVC"), Timeframe.H4, Timeframe.H1, 50, Duration.ofDays(36500)));

            JsonNode run = data(s.await(i -> "run".equals(i.event()), WAIT));
            JsonNode signals = data(s.nextEvent(WAIT));
            assertThat(run.get("run_id").asLong()).isEqualTo(r.run().id());
            assertThat(run.get("status").asText()).isEqualTo(r.run().status().code());
            // announced when its signals are stored; the run's final record is written after the alert stage
            assertThat(Instant.parse(run.get("finished_at").asText()))
                    .isBetween(r.run().startedAt(), r.run().finishedAt());
            assertThat(run.get("signals").asInt()).isEqualTo(r.signals().size());
            assertThat(signals.get("run_id").asLong()).isEqualTo(r.run().id());
            assertThat(signals.get("count").asInt()).isEqualTo(r.signals().size());
            assertThat(signals.get("items").size())
                    .isEqualTo(Math.min(50, r.signals().size()));
        }
    }

    @Test
    void alert_firedRule_announcedWithRuleSymbolAndMessage() throws Exception {
        api.ctx
                .database()
                .update(
                        "test.rule",
                        "INSERT INTO alert_rules (name, rule_type, condition, threshold, params, cooldown_seconds)"
                                + " VALUES ('evt-sig', 'signal', 'at_least', 0.5, '{\"symbols\":[\"EVA\"]}', 0)",
                        SqlSession.Binder.NONE);
        try (SseStream s = connect()) {
            Signal sig = new Signal(
                    "EVA",
                    1,
                    Instant.now().getEpochSecond(),
                    Signal.Type.SHORT,
                    10,
                    11,
                    8,
                    0.8,
                    0.5,
                    0.7,
                    Signal.Tier.HIGH,
                    false);
            api.ctx.alerts().evaluate(List.of(sig), List.of()).delivered().get(10, TimeUnit.SECONDS);

            JsonNode alert = data(s.await(i -> "alert".equals(i.event()), WAIT));
            assertThat(alert.get("rule").asText()).isEqualTo("evt-sig");
            assertThat(alert.get("rule_id").asLong()).isPositive();
            assertThat(alert.get("symbol").asText()).isEqualTo("EVA");
            assertThat(alert.get("message").asText()).contains("short signal");
            assertThat(alert.get("delivery").asText()).isEqualTo("pending");
            assertThat(Instant.parse(alert.get("fired_at").asText()))
                    .isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void alert_fillRule_paperFillAnnouncedAsAnAlertEvent() throws Exception {
        api.ctx
                .database()
                .update(
                        "test.rule",
                        "INSERT INTO alert_rules (name, rule_type, condition, threshold, params, cooldown_seconds)"
                                + " VALUES ('evt-fill', 'fill', 'at_least', 500, '{\"symbols\":[\"EVA\"]}', 0)",
                        SqlSession.Binder.NONE);
        try (SseStream s = connect()) {
            api.ctx
                    .alerts()
                    .evaluateTrading(List.of(
                            new io.dgas.app.alerts.TradingEvent("fill", "EVA", 499, "session 1: buy 1 EVA @ 499"),
                            new io.dgas.app.alerts.TradingEvent("fill", "EVA", 1000, "session 1: buy 2 EVA @ 500")))
                    .delivered()
                    .get(10, TimeUnit.SECONDS);

            JsonNode alert =
                    data(s.await(i -> "alert".equals(i.event()) && i.data().contains("evt-fill"), WAIT));
            assertThat(alert.get("symbol").asText()).isEqualTo("EVA");
            assertThat(alert.get("message").asText())
                    .as("only the fill of notional >= 500")
                    .contains("buy 2 EVA");
        }
    }

    @Test
    void heartbeat_commentArrivesOnAnIdleStream() throws Exception {
        try (SseStream s = connect()) {
            assertThat(s.await(i -> i.isComment() && i.data().equals("heartbeat"), WAIT)
                            .data())
                    .isEqualTo("heartbeat");
        }
    }

    @Test
    void clients_disconnecting_areDroppedByTheServer() throws Exception {
        java.net.Socket a = rawClient();
        java.net.Socket b = rawClient();
        List<Integer> ours = List.of(a.getLocalPort(), b.getLocalPort());
        Await.until(() -> api.server.eventClientPorts().containsAll(ours), "both clients registered");

        a.close();
        b.close();

        Await.until(
                () -> java.util.Collections.disjoint(api.server.eventClientPorts(), ours),
                "the closed clients to be dropped");
    }

    /** A client on a plain socket, so that closing it surely closes the TCP connection. */
    private static java.net.Socket rawClient() throws Exception {
        java.net.Socket s = new java.net.Socket("127.0.0.1", api.server.port());
        s.getOutputStream()
                .write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("HTTP/1.1 200");
        return s;
    }

    @Test
    void listener_connectionTerminated_reconnectsAndEventsFlowAgain() throws Exception {
        int opened = api.server.eventListener().connections();
        try (SseStream s = connect()) {
            other.query(
                    "test.terminate",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?",
                    ps -> ps.setString(1, io.dgas.app.events.EventListener.APPLICATION_NAME),
                    rs -> rs.getBoolean(1));
            Await.until(
                    () -> api.server.eventListener().connections() > opened
                            && api.server.eventListener().listening(),
                    "the listener to reconnect");
            marker("after-reconnect");

            assertThat(data(s.await(i -> "marker".equals(i.event()), WAIT))
                            .get("text")
                            .asText())
                    .isEqualTo("after-reconnect");
        }
    }

    @Test
    void close_withAConnectedClient_endsItsStreamWithoutWaitingForTheGracefulTimeout() throws Exception {
        ApiClient own = new ApiClient(api.home().resolve("own"), api.jdbcUrl(), Map.of());
        try (SseStream s = new SseStream(own.server.port(), null)) {
            s.await(i -> i.isComment() && i.data().equals("connected"), WAIT);
            long start = System.nanoTime();

            own.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WebServer.STOP_TIMEOUT);
            assertThat(s.awaitEnd(WAIT)).isTrue();
        }
    }

    @Test
    void subscribe_whileTheHubCloses_endsTheStreamAtOnce() throws Exception {
        // a stream that connects after the hub ended the others (a server stopping under load) must not stay open:
        // it would hold the graceful stop for its whole timeout
        try (ApiClient own = new ApiClient(api.home().resolve("late"), api.jdbcUrl(), Map.of())) {
            own.server.eventHub().close();
            try (SseStream late = new SseStream(own.server.port(), null)) {
                assertThat(late.response.statusCode()).isEqualTo(200);
                assertThat(late.awaitEnd(WAIT)).isTrue();
            }
        }
    }

    @Test
    void events_closedReadsNeedTheToken() throws Exception {
        try (ApiClient closed =
                new ApiClient(api.home().resolve("closed"), api.jdbcUrl(), Map.of(ConfigKeys.WEB_AUTH, "all"))) {
            try (SseStream none = new SseStream(closed.server.port(), null);
                    SseStream wrong = new SseStream(closed.server.port(), "wrong");
                    SseStream right = new SseStream(closed.server.port(), ApiClient.TOKEN)) {
                assertThat(none.response.statusCode()).isEqualTo(401);
                assertThat(wrong.response.statusCode()).isEqualTo(403);
                assertThat(right.response.statusCode()).isEqualTo(200);
            }
        }
    }
}
