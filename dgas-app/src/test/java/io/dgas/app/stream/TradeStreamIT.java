package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.sample.SampleData;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import io.dgas.store.ticks.TickRepository;
import io.dgas.testkit.PostgresExtension;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trade-stream client against a real WebSocket server on loopback replaying the shipped Bitstamp BTC trades in the
 * EODHD message format (and forex quotes in EODHD's forex format). The server goes away mid-stream on the first connection; the feed resumes 50 trades before
 * the cut, so the client must reconnect, drop exactly the replays, and store every trade once.
 */
class TradeStreamIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String SYMBOL = "BTCLIVE";
    private static final int TRADES = 2_000;
    private static final int DROP_AT = 800;
    private static final int REPLAY = 50;
    private static Database db;
    private static List<Trade> trades;

    @BeforeAll
    static void load() throws Exception {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (n, t, r, f) -> {});
        trades = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TradeStreamIT.class.getClassLoader().getResourceAsStream(SampleData.TRADES), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; trades.size() < TRADES && (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                trades.add(new Trade(
                        SYMBOL, Long.parseLong(f[0]) * 1000, Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String message(Trade t) {
        return "{\"s\":\"" + t.symbol() + "\",\"p\":\"" + t.price() + "\",\"q\":\"" + t.size() + "\",\"dc\":\"0.1\","
                + "\"dd\":\"0.01\",\"t\":" + t.millis() + "}";
    }

    /** First connection: trades [0, DROP_AT) then a dropped connection; later ones: from DROP_AT - REPLAY on. */
    private static Javalin replayServer(AtomicInteger connections, List<String> subscriptions) {
        return Javalin.create(c -> c.routes.ws("/ws/crypto", ws -> {
                    ws.onConnect(ctx -> ctx.send("{\"status_code\":200,\"message\":\"Authorized\"}"));
                    ws.onMessage(ctx -> {
                        subscriptions.add(ctx.message());
                        int n = connections.incrementAndGet();
                        int from = n == 1 ? 0 : DROP_AT - REPLAY;
                        int to = n == 1 ? DROP_AT : TRADES;
                        for (int i = from; i < to - 1; i++) {
                            ctx.send(message(trades.get(i)));
                        }
                        // frames go out in order: once the last is written, all are, and the drop loses none
                        org.eclipse.jetty.websocket.api.Callback.Completable sent =
                                new org.eclipse.jetty.websocket.api.Callback.Completable();
                        ctx.session.sendText(message(trades.get(to - 1)), sent);
                        sent.get(10, TimeUnit.SECONDS);
                        if (n == 1) {
                            // the server goes away mid-stream (as on a restart); the feed resumes before the cut
                            ctx.closeSession(1001, "going away");
                        }
                    });
                }))
                .start("127.0.0.1", 0);
    }

    @Test
    void stream_droppedConnectionMidStream_storesEveryTradeOnceAndCountsTheReplays() {
        AtomicInteger connections = new AtomicInteger();
        List<String> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
        Javalin server = replayServer(connections, subscriptions);
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        StreamSink sink = new StreamSink(
                new TickIngestor(db),
                new BarIngestor(db, IngestListener.NONE),
                opts,
                List.of(Timeframe.M1, Timeframe.M5),
                500);
        TradeStream stream = new TradeStream(
                URI.create("ws://127.0.0.1:" + server.port() + "/ws/crypto"),
                "tok",
                List.of(SYMBOL),
                sink,
                Duration.ofSeconds(1),
                Duration.ofMillis(50));
        try {
            stream.start();
            await(
                    () -> stream.received() >= TRADES + REPLAY,
                    Duration.ofSeconds(90),
                    () -> "received " + stream.received() + ", duplicates " + stream.duplicates() + ", reconnects "
                            + stream.reconnects() + ", connections served " + connections.get());
        } finally {
            stream.close();
            server.stop();
        }

        assertThat(subscriptions)
                .hasSize(2)
                .allMatch(s -> s.equals("{\"action\":\"subscribe\",\"symbols\":\"BTCLIVE\"}"));
        assertThat(stream.reconnects()).isEqualTo(1);
        assertThat(stream.received()).isEqualTo(TRADES + REPLAY);
        assertThat(stream.duplicates()).isEqualTo(REPLAY);
        assertThat(new TickRepository(db).count(SYMBOL)).isEqualTo(TRADES);
        assertThat(sink.ticksStored()).isEqualTo(TRADES);

        // the forming 1m bar is the last minute's trades; every earlier minute is stored as a completed bar
        Trade last = trades.get(TRADES - 1);
        long minute = last.millis() / 60_000 * 60;
        List<Trade> inLast =
                trades.stream().filter(t -> t.millis() / 1000 >= minute).toList();
        FormingBar f = sink.forming(SYMBOL, Timeframe.M1);
        assertThat(f.start()).isEqualTo(minute);
        assertThat(f.trades()).isEqualTo(inLast.size());
        assertThat(f.open()).isEqualTo(inLast.get(0).price());
        assertThat(f.close()).isEqualTo(last.price());
        assertThat(f.high())
                .isEqualTo(inLast.stream().mapToDouble(Trade::price).max().orElseThrow());
        long minutes = trades.stream().map(t -> t.millis() / 60_000).distinct().count();
        assertThat(new BarRepository(db).count(SYMBOL, Timeframe.M1)).isEqualTo(minutes - 1);
    }

    /**
     * A hard disconnect: the first connection's frames end at trade 800 and the connection drops; the feed resumes live
     * at trade 1000, so 800..999 never come over the WebSocket. The REST tick history (a real HTTP server on loopback,
     * EODHD's columnar {@code /api/ticks/} JSON) holds 750..1049: it overlaps both sides, and the gap is filled from it.
     */
    @Test
    void stream_hardDisconnectLosesFrames_fillsTheGapFromRestWithNoTickLostOrDoubled() throws Exception {
        String symbol = "BTC-GAP"; // of asset class crypto: its REST ticker is BTC-GAP.CC
        List<Trade> all = trades.stream()
                .map(t -> new Trade(symbol, t.millis(), t.price(), t.size()))
                .toList();
        int cut = 800;
        int resume = 1000;
        AtomicInteger connections = new AtomicInteger();
        Javalin ws = Javalin.create(c -> c.routes.ws(
                        "/ws/crypto",
                        w -> w.onMessage(ctx -> {
                            int n = connections.incrementAndGet();
                            int from = n == 1 ? 0 : resume;
                            int to = n == 1 ? cut : TRADES;
                            for (int i = from; i < to - 1; i++) {
                                ctx.send(message(all.get(i)));
                            }
                            org.eclipse.jetty.websocket.api.Callback.Completable sent =
                                    new org.eclipse.jetty.websocket.api.Callback.Completable();
                            ctx.session.sendText(message(all.get(to - 1)), sent);
                            sent.get(10, TimeUnit.SECONDS);
                            if (n == 1) {
                                ctx.closeSession(1001, "going away");
                            }
                        })))
                .start("127.0.0.1", 0);
        List<String> restRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer rest =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        rest.createContext("/api/ticks/", ex -> {
            restRequests.add(ex.getRequestURI().toString());
            byte[] body = columnar(all.subList(cut - 50, resume + 50)).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (java.io.OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        rest.start();
        io.dgas.testkit.FakeClock clock =
                new io.dgas.testkit.FakeClock(java.time.Instant.parse("2024-06-03T12:00:00Z"));
        io.dgas.app.collect.CollectSettings settings = new io.dgas.app.collect.CollectSettings(
                "none",
                "http://127.0.0.1:" + rest.getAddress().getPort(),
                "tok",
                600,
                5,
                10,
                2,
                Duration.ofDays(1),
                3,
                Duration.ofMillis(10));
        StreamSink sink = new StreamSink(
                new TickIngestor(db),
                new BarIngestor(db, IngestListener.NONE),
                IngestOptions.defaults().withCreateSymbols(true),
                List.of(Timeframe.M1),
                500);
        TradeStream stream = new TradeStream(
                URI.create("ws://127.0.0.1:" + ws.port() + "/ws/crypto"),
                "tok",
                List.of(symbol),
                sink,
                Duration.ofSeconds(1),
                Duration.ofMillis(50),
                GapFill.eodhd(settings.client(clock, d -> {}), 10_000, Map.of(symbol, "crypto")::get),
                clock);
        try {
            stream.start();
            await(
                    () -> stream.received() >= cut + (TRADES - resume),
                    Duration.ofSeconds(90),
                    () -> "received " + stream.received() + ", filled " + stream.filled() + ", duplicates "
                            + stream.duplicates() + ", connections served " + connections.get());
        } finally {
            stream.close();
            ws.stop();
            rest.stop(0);
        }

        // the history was asked from the second of the newest trade taken before the drop, to now
        assertThat(restRequests)
                .containsExactly("/api/ticks/?api_token=tok&fmt=json&s=BTC-GAP.CC&from="
                        + all.get(cut - 1).millis() / 1000 + "&to="
                        + clock.instant().getEpochSecond()
                        + "&limit=10000");
        assertThat(stream.reconnects()).isEqualTo(1);
        assertThat(stream.gapFailures()).isZero();
        // 800..1049 are new from the history; 750..799 of it and the live 1000..1049 are the overlaps
        assertThat(stream.filled()).isEqualTo(resume + 50 - cut);
        assertThat(stream.duplicates()).isEqualTo(50 + 50);
        // lost = doubled = 0: every second holds exactly the trades it had at the source
        Map<Long, Long> expected = all.stream()
                .collect(java.util.stream.Collectors.groupingBy(Trade::millis, java.util.stream.Collectors.counting()));
        Map<Long, Long> storedPerMs = new java.util.HashMap<>();
        db.query(
                "test.ticks-per-ts",
                "SELECT (extract(epoch FROM x.ts) * 1000)::bigint, count(*) FROM ticks x JOIN symbols y"
                        + " ON y.id = x.symbol_id WHERE y.ticker = ? GROUP BY 1",
                ps -> ps.setString(1, symbol),
                rs -> storedPerMs.put(rs.getLong(1), rs.getLong(2)));
        assertThat(storedPerMs).isEqualTo(expected);
        assertThat(new TickRepository(db).count(symbol)).isEqualTo(TRADES);
    }

    /** EODHD's tick history JSON: one array per field. */
    private static String columnar(List<Trade> ts) {
        StringBuilder t = new StringBuilder();
        StringBuilder p = new StringBuilder();
        StringBuilder q = new StringBuilder();
        for (Trade x : ts) {
            String sep = t.isEmpty() ? "" : ",";
            t.append(sep).append(x.millis());
            p.append(sep).append(x.price());
            q.append(sep).append(x.size());
        }
        return "{\"ex\":[],\"mkt\":[],\"price\":[" + p + "],\"seq\":[],\"shares\":[" + q + "],\"sl\":[],"
                + "\"sub_mkt\":[],\"ts\":[" + t + "]}";
    }

    private static final long FX_T0 = 1_717_999_200_000L; // Monday 10 June 2024 06:00 UTC

    /** Forex quote k of {@link #stream_forexQuotes_storedOnceAtTheMidWithBidAndAsk_barsFromTheMids}: one a second. */
    private static String quote(int k) {
        double bid = 1.07 + k * 0.00001;
        return "{\"s\":\"EURUSD\",\"a\":" + (bid + 0.0002) + ",\"b\":" + bid
                + ",\"dc\":\"-0.0461\",\"dd\":\"-0.0005\",\"ppms\":false,\"t\":" + (FX_T0 + k * 1000L) + "}";
    }

    /**
     * The forex quote stream in EODHD's forex format ({@code a} ask, {@code b} bid, no trade price): every quote is
     * stored once as a tick at its mid-quote with its bid and ask, and the bars are built from the mids.
     */
    @Test
    void stream_forexQuotes_storedOnceAtTheMidWithBidAndAsk_barsFromTheMids() {
        int quotes = 180; // three minutes
        List<String> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
        Javalin server = Javalin.create(c -> c.routes.ws("/ws/forex", ws -> {
                    ws.onConnect(ctx -> ctx.send("{\"status_code\":200,\"message\":\"Authorized\"}"));
                    ws.onMessage(ctx -> {
                        subscriptions.add(ctx.message());
                        for (int k = 0; k < quotes; k++) {
                            ctx.send(quote(k));
                        }
                    });
                }))
                .start("127.0.0.1", 0);
        StreamSink sink = new StreamSink(
                new TickIngestor(db),
                new BarIngestor(db, IngestListener.NONE),
                IngestOptions.defaults().withCreateSymbols(true),
                List.of(Timeframe.M1),
                50);
        TradeStream stream = new TradeStream(
                URI.create("ws://127.0.0.1:" + server.port() + "/ws/forex"),
                "tok",
                List.of("EURUSD"),
                sink,
                Duration.ofSeconds(5),
                Duration.ofMillis(50));
        try {
            stream.start();
            await(() -> stream.received() >= quotes, Duration.ofSeconds(60), () -> "received " + stream.received());
        } finally {
            stream.close(); // stores every pending quote
            server.stop();
        }

        assertThat(subscriptions).containsExactly("{\"action\":\"subscribe\",\"symbols\":\"EURUSD\"}");
        List<double[]> rows = db.query(
                "test.forex.ticks",
                "SELECT t.price, t.size, t.bid, t.ask FROM ticks t JOIN symbols s ON s.id = t.symbol_id"
                        + " WHERE s.ticker = 'EURUSD' ORDER BY t.ts, t.seq",
                io.dgas.store.SqlSession.Binder.NONE,
                rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
        assertThat(rows).hasSize(quotes);
        for (int k = 0; k < quotes; k++) {
            double bid = 1.07 + k * 0.00001;
            double ask = bid + 0.0002;
            assertThat(rows.get(k)).as("quote " + k).containsExactly((bid + ask) / 2, 0, bid, ask);
        }
        // the first two minutes are stored as completed 1m bars of mids; the third is still forming
        assertThat(new BarRepository(db).count("EURUSD", Timeframe.M1)).isEqualTo(2);
        FormingBar f = sink.forming("EURUSD", Timeframe.M1);
        assertThat(f.start()).isEqualTo(FX_T0 / 1000 + 120);
        assertThat(f.open()).isEqualTo(rows.get(120)[0]);
        assertThat(f.close()).isEqualTo(rows.get(quotes - 1)[0]);
        assertThat(f.volume()).isZero();
    }

    @Test
    void parse_eodhdUsTradeAndStatusMessages_readsTradesOnly() {
        Trade us = Trade.parse("{\"s\":\"aapl\",\"p\":227.31,\"c\":[12,37],\"v\":100,\"dp\":false,\"ms\":\"open\","
                + "\"t\":1725198451165}");

        assertThat(us).isEqualTo(new Trade("AAPL", 1725198451165L, 227.31, 100));
        assertThat(Trade.parse("{\"status_code\":200,\"message\":\"Authorized\"}"))
                .isNull();
        assertThat(Trade.parse("{\"s\":\"X\",\"p\":\"oops\",\"t\":1}")).isNull();
        // a forex quote: ask and bid, its price the mid
        assertThat(Trade.parse("{\"s\":\"eurusd\",\"a\":\"1.25\",\"b\":1.24,\"ppms\":false,\"t\":7}"))
                .isEqualTo(new Trade("EURUSD", 7, (1.24 + 1.25) / 2, 0, 1.24, 1.25));
        assertThat(Trade.parse("{\"s\":\"EURUSD\",\"a\":\"NaN\",\"b\":1.24,\"t\":7}"))
                .isNull();
        assertThat(Trade.parse("not json")).isNull();
    }

    private static void await(BooleanSupplier done, Duration timeout, java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as(() -> "condition within " + timeout + ": " + state.get())
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
