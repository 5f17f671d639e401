package io.dgas.app.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.collect.EodhdFixtureServer.Reply;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.schedule.ClusterCycle;
import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.collect.CollectReport;
import io.dgas.store.collect.CollectRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestLimits;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunStatus;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A prediction cycle whose collect stage fetches from a real HTTP server on loopback serving EODHD-format JSON from
 * recorded fixtures: bars out of order with a corrected recent bar, 429 with Retry-After, 5xx, a truncated body, a
 * daily series back-filled after a week of downtime. Waits go through a sleeper that advances the fake clock.
 */
class CollectCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String TOKEN = "collect-s3cret-42";
    private static final Instant T0 = Instant.parse("2024-06-03T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);
    private final List<Duration> sleeps = new ArrayList<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private EodhdFixtureServer server;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (n, t, r, f) -> {});
        workers = Executors.newFixedThreadPool(2);
    }

    /** Every test starts from the same stored bars: 1h to T0 of four symbols, EEE.US daily to 2024-05-27. */
    private static void seed() {
        db.update("test.clear", "DELETE FROM bars", ps -> {});
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        hourly(csv, "AAA.US", "BBB.US", "CCC.US", "DDD.US");
        for (LocalDate d = LocalDate.of(2024, 5, 1); !d.isAfter(LocalDate.of(2024, 5, 27)); d = d.plusDays(1)) {
            int o = 50 + d.getDayOfMonth();
            csv.append(d)
                    .append(",EEE.US,1d,")
                    .append(o)
                    .append(',')
                    .append(o + 3)
                    .append(',')
                    .append(o - 2);
            csv.append(',').append(o + 1).append(",5000\n");
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "seed",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        workers = Executors.newFixedThreadPool(2);
    }

    /** 73 hourly bars to T0 of each of {@code symbols}. */
    private static void hourly(StringBuilder csv, String... symbols) {
        for (String s : symbols) {
            for (long ts = T0.getEpochSecond() - 72 * 3600; ts <= T0.getEpochSecond(); ts += 3600) {
                long o = 100 + (ts / 3600) % 24;
                csv.append(ts)
                        .append(',')
                        .append(s)
                        .append(",1h,")
                        .append(o)
                        .append(',')
                        .append(o + 2);
                csv.append(',').append(o - 1).append(',').append(o + 1).append(",1000\n");
            }
        }
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    @BeforeEach
    void start() throws Exception {
        seed();
        server = new EodhdFixtureServer()
                .on("/api/intraday/AAA.US", Reply.ok("AAA.US-1h.json"))
                .on("/api/intraday/BBB.US", new Reply(429, "rate limited", "3"), Reply.ok("BBB.US-1h.json"))
                .on(
                        "/api/intraday/CCC.US",
                        new Reply(500, "oops", null),
                        new Reply(503, "busy", null),
                        Reply.ok("CCC.US-1h.json"))
                .on("/api/intraday/DDD.US", Reply.ok("DDD.US-1h-truncated.json"))
                .on("/api/eod/EEE.US", Reply.ok("EEE.US-1d.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CollectSettings settings(String source) {
        return new CollectSettings(
                source, server.baseUrl(), TOKEN, 600, 2, 2, 2, Duration.ofDays(90), 4, Duration.ofSeconds(1));
    }

    private PredictionCycle cycle(String source) {
        CollectSettings s = settings(source);
        CollectStage stage = new CollectStage(
                s.source(clock, d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }),
                new CollectRepository(db),
                new BarIngestor(db, (sym, tf) -> changed.add(sym + "/" + tf.code())),
                new BarRollup(db, (sym, tf) -> changed.add(sym + "/" + tf.code())).withEvents(EventPublisher.NONE),
                IngestOptions.defaults().withLimits(new IngestLimits(0, 86_400, 1e-8, 1e9, 65_536, clock)),
                clock,
                s);
        return new PredictionCycle(
                db,
                new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults()),
                workers,
                10,
                clock,
                "test",
                new SimpleMeterRegistry(),
                r -> r,
                SignalParams.defaults().minCalibrated(),
                EventPublisher.NONE,
                stage);
    }

    private static CycleRequest request() {
        return new CycleRequest(null, Timeframe.H4, Timeframe.H1, 200, Duration.ofDays(2));
    }

    private static BarColumns bars(String symbol, Timeframe tf) {
        return new BarRepository(db).last(symbol, tf, 1_000);
    }

    @Test
    void run_eodhdSource_collectsNewBarsThenRecordsRowsAndFailuresPerSymbol() {
        CycleResult r = cycle("eodhd").run(request());

        CollectReport c = new CollectRepository(db).find(r.run().id()).orElseThrow();
        // AAA: 11 new bars (01:00..11:00) + the corrected 23:00 bar; the re-sent unchanged overlap bars count nothing
        assertThat(c.rows()).containsEntry("AAA.US", 12L);
        // BBB and CCC: 01:00..05:00 new, after a 429 and two 5xx
        assertThat(c.rows()).containsEntry("BBB.US", 5L).containsEntry("CCC.US", 5L);
        // EEE daily: 2024-05-28 .. 2024-06-02 back-filled after the downtime
        assertThat(c.rows()).containsEntry("EEE.US", 6L).containsEntry("DDD.US", 0L);
        assertThat(c.failures()).containsOnlyKeys("DDD.US");
        assertThat(c.failures().get("DDD.US")).contains("1h: unreadable JSON").doesNotContain(TOKEN);
        assertThat(c.millis()).isPositive();
        assertThat(r.run().status()).isNotEqualTo(RunStatus.FAILED);
        assertThat(r.run().errors()).doesNotContainKey("DDD.US");

        BarColumns aaa = bars("AAA.US", Timeframe.H1);
        assertThat(aaa.ts()[aaa.size() - 1]).isEqualTo(T0.getEpochSecond() + 11 * 3600);
        int corrected = indexOf(aaa, T0.getEpochSecond() - 3600);
        long h = (T0.getEpochSecond() - 3600) / 3600;
        assertThat(aaa.close()[corrected]).isEqualTo(100 + h % 24 + 1.5);
        assertThat(changed).contains("AAA.US/1h", "BBB.US/1h", "CCC.US/1h", "EEE.US/1d");
        assertThat(changed).doesNotContain("DDD.US/1h");
        BarColumns eee = bars("EEE.US", Timeframe.D1);
        assertThat(Instant.ofEpochSecond(eee.ts()[eee.size() - 1])).isEqualTo(Instant.parse("2024-06-02T00:00:00Z"));
        assertThat(bars("DDD.US", Timeframe.H1).size()).isEqualTo(73);
    }

    @Test
    void run_eodhdSource_asksFromTheOverlapBeforeTheNewestBarAndHonoursRetryAfter() {
        cycle("eodhd").run(request());

        long from = T0.getEpochSecond() - 2 * 3600;
        assertThat(server.requests())
                .contains("/api/intraday/AAA.US?api_token=" + TOKEN + "&fmt=json&interval=1h&from=" + from + "&to="
                        + NOW.getEpochSecond())
                .contains("/api/eod/EEE.US?api_token=" + TOKEN + "&fmt=json&period=d&from=2024-05-25&to=2024-06-03");
        assertThat(server.requests().stream().filter(q -> q.startsWith("/api/intraday/BBB.US")))
                .hasSize(2);
        assertThat(server.requests().stream().filter(q -> q.startsWith("/api/intraday/CCC.US")))
                .hasSize(3);
        // 429 waited as told; the 5xx backed off 1 s then 2 s; the bucket (burst 2, 10/s) paced the rest
        assertThat(sleeps).contains(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(sleeps).anyMatch(d -> d.compareTo(Duration.ofMillis(100)) <= 0 && !d.isZero());
    }

    @Test
    void schedulerRunOnce_eodhdSource_collectsBeforeTheBatchesAndRecordsTheStageOnTheRun() {
        ClusterCycle cluster = new ClusterCycle(
                db, cycle("eodhd"), CollectCycleIT::request, ExchangeCalendar.always(), clock, "n1", 2);
        SchedulerService node = SchedulerService.batchesOnly(
                db,
                cluster,
                "collect-node",
                clock,
                new SchedulerService.Timing(
                        Duration.ofMillis(100), Duration.ofMillis(250), 4, Duration.ofMillis(200), 2));
        RunRecord run;
        node.start();
        try {
            run = node.runOnce(Duration.ofSeconds(60)).orElseThrow();
        } finally {
            node.close();
        }

        assertThat(run.status()).isNotEqualTo(RunStatus.FAILED);
        CollectReport c = new CollectRepository(db).find(run.id()).orElseThrow();
        assertThat(c.rows()).containsEntry("AAA.US", 12L).containsEntry("EEE.US", 6L);
        assertThat(c.failures()).containsOnlyKeys("DDD.US");
        BarColumns aaa = bars("AAA.US", Timeframe.H1);
        assertThat(aaa.ts()[aaa.size() - 1]).isEqualTo(T0.getEpochSecond() + 11 * 3600);
    }

    @Test
    void run_storedTimeframesTheSourceDoesNotServe_derivesThemByRollupFromAFetchedBase() {
        // AAA.US stores 4h (rolled up from its 1h); GGG.US stores only 15m, which EODHD does not serve
        new BarRollup(db, IngestListener.NONE)
                .withEvents(EventPublisher.NONE)
                .fromBars(List.of("AAA.US"), Timeframe.H1, List.of(Timeframe.H4), false, null);
        long t0 = T0.getEpochSecond();
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (long ts = t0 - 2 * 3600; ts <= t0; ts += 900) {
            csv.append(ts).append(",GGG.US,15m,150,151,149,150,30\n");
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "seed ggg",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        server.on("/api/intraday/GGG.US", Reply.ok("GGG.US-5m.json"));

        CycleResult r = cycle("eodhd").run(request());

        // 15m has no served base stored: 5m (the coarsest served divisor) is fetched from two 15m bars before its
        // newest
        // (the retries before it advanced the fake clock, so "to" is later than NOW)
        assertThat(server.requests())
                .anyMatch(q -> q.startsWith("/api/intraday/GGG.US?api_token=" + TOKEN + "&fmt=json&interval=5m&from="
                        + (t0 - 1800) + "&to="));
        // fixture: 18 5m bars from 23:30, bar k opens 200 + k (high +1, low -1, close +0.5, volume 10); the 15m
        // bucket j from 23:30 holds k = 3j .. 3j+2; the 00:45 bucket lacks data at its end, so it is not written
        BarColumns ggg = bars("GGG.US", Timeframe.M15);
        assertThat(ggg.ts()[ggg.size() - 1]).isEqualTo(t0 + 1800);
        for (int j = 0; j < 5; j++) {
            int i = indexOf(ggg, t0 - 1800 + j * 900L);
            assertThat(new double[] {ggg.open()[i], ggg.high()[i], ggg.low()[i], ggg.close()[i], ggg.volume()[i]})
                    .containsExactly(200 + 3 * j, 200 + 3 * j + 2 + 1, 200 + 3 * j - 1, 200 + 3 * j + 2 + 0.5, 3 * 10);
        }
        assertThat(bars("GGG.US", Timeframe.M5).size()).isEqualTo(18);
        CollectReport c = new CollectRepository(db).find(r.run().id()).orElseThrow();
        // 18 5m bars stored + three 15m buckets rewritten (23:30, 23:45, 00:00) + two new (00:15, 00:30)
        assertThat(c.rows()).containsEntry("GGG.US", 18L + 3 + 2);
        // AAA 4h from its fetched 1h: 00:00 and 04:00 complete (08:00 lacks its end); 20:00 holds the corrected 23:00
        BarColumns aaa4 = bars("AAA.US", Timeframe.H4);
        BarColumns aaa1 = bars("AAA.US", Timeframe.H1);
        assertThat(aaa4.ts()[aaa4.size() - 1]).isEqualTo(t0 + 4 * 3600);
        int b = indexOf(aaa4, t0 + 4 * 3600);
        int first = indexOf(aaa1, t0 + 4 * 3600);
        assertThat(aaa4.open()[b]).isEqualTo(aaa1.open()[first]);
        assertThat(aaa4.close()[b]).isEqualTo(aaa1.close()[first + 3]);
        assertThat(aaa4.high()[b])
                .isEqualTo(Math.max(
                        Math.max(aaa1.high()[first], aaa1.high()[first + 1]),
                        Math.max(aaa1.high()[first + 2], aaa1.high()[first + 3])));
        assertThat(aaa4.close()[indexOf(aaa4, t0 - 4 * 3600)]).isEqualTo(aaa1.close()[indexOf(aaa1, t0 - 3600)]);
        assertThat(c.rows()).containsEntry("AAA.US", 12L + 3);
        assertThat(changed).contains("GGG.US/15m", "AAA.US/4h");
    }

    @Test
    void run_streamTickersWithoutExchange_askedUnderTheirRestTickersStoredUnderTheirOwn() {
        // the stored asset class names the exchange: FFF a stock (.US), XRP-USD a crypto pair (.CC)
        for (String[] symbolClass : new String[][] {{"FFF", "stock"}, {"XRP-USD", "crypto"}}) {
            StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
            hourly(csv, symbolClass[0]);
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(
                            "seed stream tickers",
                            new StringReader(csv.toString()),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true).withAssetClass(symbolClass[1]));
        }
        // the same recorded bodies as AAA.US (11 new bars and a corrected one) and BBB.US (5 new bars)
        server.on("/api/intraday/FFF.US", Reply.ok("AAA.US-1h.json"))
                .on("/api/intraday/XRP-USD.CC", Reply.ok("BBB.US-1h.json"));

        CycleResult r = cycle("eodhd").run(request());

        assertThat(server.requests())
                .anyMatch(q -> q.startsWith("/api/intraday/FFF.US?"))
                .anyMatch(q -> q.startsWith("/api/intraday/XRP-USD.CC?"))
                .noneMatch(q -> q.startsWith("/api/intraday/FFF?") || q.startsWith("/api/intraday/XRP-USD?"));
        CollectReport c = new CollectRepository(db).find(r.run().id()).orElseThrow();
        assertThat(c.rows()).containsEntry("FFF", 12L).containsEntry("XRP-USD", 5L);
        assertThat(c.failures()).doesNotContainKeys("FFF", "XRP-USD");
        assertThat(bars("FFF", Timeframe.H1).size()).isEqualTo(73 + 11);
        assertThat(bars("XRP-USD", Timeframe.H1).size()).isEqualTo(73 + 5);
        assertThat(bars("FFF.US", Timeframe.H1).size()).isZero();
        assertThat(bars("XRP-USD.CC", Timeframe.H1).size()).isZero();
        db.update("test.forget", "UPDATE symbols SET status = 'inactive' WHERE ticker IN ('FFF', 'XRP-USD')", ps -> {});
    }

    @Test
    void run_noneSource_fetchesNothingAndRecordsNoCollectStage() {
        CycleResult r = cycle("none").run(request());

        assertThat(server.requests()).isEmpty();
        assertThat(new CollectRepository(db).find(r.run().id())).isEmpty();
    }

    private static int indexOf(BarColumns c, long ts) {
        for (int i = 0; i < c.size(); i++) {
            if (c.ts()[i] == ts) {
                return i;
            }
        }
        throw new AssertionError("no bar at " + Instant.ofEpochSecond(ts));
    }
}
