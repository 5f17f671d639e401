package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.sample.SampleData;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.runs.RunStatus;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's real symbols in a scheduled-style cycle (4h / 1h, years after their data ends): BTCUSD is judged stale
 * against its own last trade, not the wall clock, and AAPL, which has daily bars only, is analysed at 1d with 1w.
 */
class RealSymbolsCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeAll
    static void load() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (n, t, r, f) -> {});
        SampleData.load(db, IngestListener.NONE);
        // a live symbol (not sample data) whose feed stopped in 2020: still stale against the wall clock
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        long start = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 300; i++) {
            double p = 100 + Math.sin(i / 7.0) * 5;
            csv.append(start + i * 3600L)
                    .append(",OLDFEED,1h,")
                    .append(p)
                    .append(',')
                    .append(p + 1);
            csv.append(',').append(p - 1).append(',').append(p + 0.5).append(",10\n");
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "old",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    private PredictionCycle cycle(SymbolAnalysis analysis) {
        return new PredictionCycle(db, analysis, workers, 10, clock, "test", new SimpleMeterRegistry(), r -> r);
    }

    private static CycleRequest request(List<String> symbols) {
        return new CycleRequest(symbols, Timeframe.H4, Timeframe.H1, 200, CycleRequest.defaultStaleAfter(Timeframe.H1));
    }

    private static SymbolAnalysis real() {
        return new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
    }

    @Test
    void run_demoRealSymbolsYearsLater_succeedsWithNeitherStaleNorFailed() {
        CycleResult r = cycle(real()).run(request(List.of(SampleData.BTC, SampleData.AAPL)));

        assertThat(r.run().errors()).isEmpty();
        assertThat(r.run().staleSymbols()).isEmpty();
        assertThat(r.run().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void batch_dailyOnlySymbol_isAnalysedAt1dWith1wAndBtcAtTheRunsTimeframes() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        SymbolAnalysis recording = (s, t, h, tf, asOf, stale) -> {
            seen.put(s, t.timeframe().code() + "/" + tf.code() + " as of " + asOf);
            return real().analyze(s, t, h, tf, asOf, stale);
        };

        List<SymbolOutcome> out = cycle(recording)
                .batch(List.of(SampleData.BTC, SampleData.AAPL), request(null), NOW, new LongAdder(), new LongAdder());

        assertThat(out).extracting(SymbolOutcome::timeframe).containsExactly(null, Timeframe.D1);
        assertThat(out).allSatisfy(o -> assertThat(o.failed()).as(o.error()).isFalse());
        assertThat(out).noneMatch(SymbolOutcome::stale);
        // BTCUSD's own last trade is 2013-12-01; AAPL's last daily bar (2013-12-31) ends the next day
        assertThat(seen.get(SampleData.BTC)).startsWith("1h/4h as of 2013-12-01");
        assertThat(seen.get(SampleData.AAPL)).isEqualTo("1d/1w as of 2014-01-01T00:00:00Z");
    }

    @Test
    void run_liveSymbolWhoseFeedStopped_isStillStaleAgainstTheWallClock() {
        CycleResult r = cycle(real()).run(request(List.of("OLDFEED", SampleData.BTC)));

        assertThat(r.run().staleSymbols()).containsExactly("OLDFEED");
    }

    @Test
    void run_signalOfSymbolAtItsOwnTimeframe_isStoredAtThatTimeframe() {
        SymbolAnalysis always = (s, t, h, tf, asOf, stale) -> new SymbolOutcome(
                s,
                new Signal(
                        s,
                        t.size() - 1,
                        t.ts()[t.size() - 1],
                        Signal.Type.LONG,
                        100,
                        90,
                        120,
                        0.8,
                        0.7,
                        0.9,
                        Signal.Tier.HIGH,
                        false),
                false,
                null);

        CycleResult r = cycle(always).run(request(List.of(SampleData.BTC, SampleData.AAPL)));

        List<String> stored = db.query(
                "test.signal-timeframes",
                "SELECT y.ticker || ' ' || s.timeframe FROM signals s JOIN symbols y ON y.id = s.symbol_id"
                        + " WHERE s.run_id = ? ORDER BY y.ticker",
                ps -> ps.setLong(1, r.run().id()),
                rs -> rs.getString(1));
        assertThat(stored).containsExactly("AAPL 1d", "BTCUSD 1h");
    }

    @Test
    void load_sampleData_marksBothSymbolsHistoricalAtTheirOwnLastTradingTime() {
        Map<String, Instant> until = new ConcurrentHashMap<>();
        new io.dgas.store.bars.SymbolTimeframes(db)
                .of(List.of(SampleData.BTC, SampleData.AAPL, "OLDFEED"))
                .forEach((s, info) -> {
                    if (info.historicalUntil() != null) {
                        until.put(s, info.historicalUntil());
                    }
                });

        assertThat(until).containsOnlyKeys(SampleData.BTC, SampleData.AAPL);
        assertThat(until.get(SampleData.AAPL)).isEqualTo(Instant.parse("2014-01-01T00:00:00Z"));
        assertThat(until.get(SampleData.BTC))
                .isBetween(Instant.parse("2013-12-01T00:00:00Z"), Instant.parse("2013-12-02T00:00:00Z"));
    }
}
