package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunStatus;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PredictionCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static final List<String> STATEMENTS = java.util.Collections.synchronizedList(new ArrayList<>());
    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);
    private final SymbolAnalyzer real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());

    @BeforeAll
    static void seed() {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.add(name));
        Seed.universe(db, 40, 300, NOW, 42, true);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    private PredictionCycle cycle(SymbolAnalysis analysis, int batch) {
        return new PredictionCycle(db, analysis, workers, batch, clock, "test", new SimpleMeterRegistry(), r -> r);
    }

    private static CycleRequest request(List<String> symbols) {
        return new CycleRequest(symbols, Timeframe.H4, Timeframe.H1, 200, Duration.ofHours(3));
    }

    private static List<String> tickers(int n) {
        return IntStream.range(0, n).mapToObj(SyntheticBars::ticker).toList();
    }

    private static long count(String sql, long runId) {
        return db.queryOne("test.count", sql, ps -> ps.setLong(1, runId), rs -> rs.getLong(1))
                .orElseThrow();
    }

    @Test
    void run_wholeUniverse_storesRunRecordThatAgreesWithItsSignals() {
        CycleResult r = cycle(real, 10).run(request(null));

        assertThat(r.run().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.run().requested()).isEqualTo(40);
        assertThat(r.run().processed()).isEqualTo(40);
        assertThat(r.run().staleSymbols()).isEmpty();
        assertThat(count(
                        "SELECT count(*) FROM signals WHERE run_id = ?", r.run().id()))
                .isEqualTo(r.signals().size());
        assertThat(count(
                        "SELECT signals_generated FROM prediction_runs WHERE id = ?",
                        r.run().id()))
                .isEqualTo(r.signals().size());
        assertThat(count(
                        "SELECT count(*) FROM prediction_runs WHERE id = ? AND status = 'success'",
                        r.run().id()))
                .isOne();
        assertThat(r.run().loadMs()).isPositive();
        assertThat(r.run().analyseMs()).isPositive();
    }

    @Test
    void run_alertsStage_storedTotalIncludesItAsTheCallersDoes() {
        clock.set(NOW);
        PredictionCycle c = new PredictionCycle(db, real, workers, 10, clock, "test", new SimpleMeterRegistry(), r -> {
            clock.advance(Duration.ofMinutes(1));
            return r;
        });

        RunRecord returned = c.run(request(tickers(3))).run();

        RunRecord stored =
                new io.dgas.store.runs.RunRepository(db).find(returned.id()).orElseThrow();
        // the run is stored before its alerts are evaluated: the row is then finished with the alerts stage
        assertThat(stored.alertsMs()).isEqualTo(returned.alertsMs());
        assertThat(stored.durationMs()).isEqualTo(returned.durationMs());
        assertThat(stored.durationMs()).isGreaterThanOrEqualTo(returned.persistMs() + returned.alertsMs());
        assertThat(stored.finishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
    }

    @Test
    void run_signalParameters_storedWithTheRunAndReadBack() throws Exception {
        SymbolAnalyzer strict = new SymbolAnalyzer(MtfParams.defaults(), SignalSettingsTest.minRewardRisk(3));
        io.dgas.store.runs.RunRepository runs = new io.dgas.store.runs.RunRepository(db);

        RunRecord stricter = cycle(strict, 10).run(request(tickers(2))).run();
        RunRecord usual = cycle(real, 10).run(request(tickers(2))).run();
        RunRecord unknown = cycle((s, t, h, tf, asOf, stale) -> new SymbolOutcome(s, null, false, null), 10)
                .run(request(tickers(2)))
                .run();

        assertThat(SignalSettings.line(runs.find(stricter.id()).orElseThrow().settings()))
                .isEqualTo("min_reward_risk 3");
        assertThat(SignalSettings.line(runs.find(usual.id()).orElseThrow().settings()))
                .isEqualTo("defaults");
        assertThat(SignalSettings.line(runs.find(unknown.id()).orElseThrow().settings()))
                .isEqualTo("not recorded");
    }

    @Test
    void run_symbolWithTooFewBars_isNamedAndTheRunSucceeds() {
        // SYN0003 as a new listing: two hourly bars (its stored ones cut), analysed by the real analyzer
        SymbolAnalysis listing = (s, t, h, tf, asOf, stale) -> real.analyze(
                s, s.equals("SYN0003") ? first(t, 2) : t, s.equals("SYN0003") ? first(h, 0) : h, tf, asOf, stale);

        CycleResult r = cycle(listing, 10).run(request(tickers(10)));

        // it failed the run as partial: every run until the listing had 3 complete 4h bars
        assertThat(r.run().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.run().failed()).isZero();
        assertThat(r.run().errors()).isEmpty();
        assertThat(r.run().shortHistory()).containsExactly(Map.entry("SYN0003", "only 2 1h bars (at least 3 needed)"));
        assertThat(new io.dgas.store.runs.RunRepository(db)
                        .find(r.run().id())
                        .orElseThrow()
                        .shortHistory())
                .isEqualTo(r.run().shortHistory());
    }

    private static io.dgas.store.bars.BarColumns first(io.dgas.store.bars.BarColumns c, int n) {
        return new io.dgas.store.bars.BarColumns(
                c.symbol(),
                c.timeframe(),
                java.util.Arrays.copyOf(c.ts(), n),
                java.util.Arrays.copyOf(c.open(), n),
                java.util.Arrays.copyOf(c.high(), n),
                java.util.Arrays.copyOf(c.low(), n),
                java.util.Arrays.copyOf(c.close(), n),
                java.util.Arrays.copyOf(c.volume(), n));
    }

    @Test
    void run_symbolThatThrows_isPartialWithItsError() {
        SymbolAnalysis flaky = (s, t, h, tf, asOf, stale) -> {
            if (s.equals("SYN0003")) {
                throw new IllegalStateException("boom in " + s);
            }
            return real.analyze(s, t, h, tf, asOf, stale);
        };

        CycleResult r = cycle(flaky, 10).run(request(tickers(10)));

        assertThat(r.run().status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(r.run().failed()).isEqualTo(1);
        assertThat(r.run().errors()).containsEntry("SYN0003", "IllegalStateException: boom in SYN0003");
        assertThat(new io.dgas.store.runs.RunRepository(db)
                        .find(r.run().id())
                        .orElseThrow()
                        .errors())
                .containsEntry("SYN0003", "IllegalStateException: boom in SYN0003");
    }

    @Test
    void run_everySymbolFails_isFailed() {
        CycleResult r = cycle(
                        (s, t, h, tf, asOf, stale) -> {
                            throw new IllegalStateException("down");
                        },
                        10)
                .run(request(tickers(3)));

        assertThat(r.run().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void run_signalsThatCannotBeStored_leaveOnlyAFailedRunAndNoSignals() {
        SymbolAnalysis poisoned = (s, t, h, tf, asOf, stale) -> new SymbolOutcome(
                s,
                new Signal(
                        s,
                        0,
                        t.ts()[t.size() - 1],
                        Signal.Type.LONG,
                        s.equals("SYN0002") ? -1 : 100,
                        90,
                        120,
                        0.7,
                        0.6,
                        0.7,
                        Signal.Tier.MEDIUM,
                        false),
                false,
                null);
        long runsBefore = db.queryOne(
                        "t", "SELECT count(*) FROM prediction_runs", SqlSession.Binder.NONE, rs -> rs.getLong(1))
                .orElseThrow();
        long signalsBefore = db.queryOne(
                        "t", "SELECT count(*) FROM signals", SqlSession.Binder.NONE, rs -> rs.getLong(1))
                .orElseThrow();

        assertThatThrownBy(() -> cycle(poisoned, 10).run(request(tickers(5))))
                .isInstanceOf(UnableToRunCycleException.class)
                .hasMessageContaining("failed while storing its signals");

        assertThat(db.queryOne("t", "SELECT count(*) FROM signals", SqlSession.Binder.NONE, rs -> rs.getLong(1)))
                .contains(signalsBefore);
        assertThat(db.queryOne(
                        "t", "SELECT count(*) FROM prediction_runs", SqlSession.Binder.NONE, rs -> rs.getLong(1)))
                .contains(runsBefore + 1);
        assertThat(db.queryOne(
                        "t",
                        "SELECT status || ':' || signals_generated FROM prediction_runs ORDER BY id DESC" + " LIMIT 1",
                        SqlSession.Binder.NONE,
                        rs -> rs.getString(1)))
                .contains("failed:0");
    }

    @Test
    void run_statementCount_doesNotGrowWithSymbolsPerBatch() {
        SymbolAnalysis none = (s, t, h, tf, asOf, stale) -> new SymbolOutcome(s, null, false, null);
        STATEMENTS.clear();
        cycle(none, 5).run(request(tickers(5)));
        List<String> small = List.copyOf(STATEMENTS);
        STATEMENTS.clear();
        cycle(none, 40).run(request(tickers(40)));
        List<String> large = List.copyOf(STATEMENTS);

        assertThat(large).hasSameSizeAs(small);
        assertThat(small.stream().filter(n -> n.startsWith("bars.")).count())
                .as("one query per timeframe per batch")
                .isEqualTo(2);
    }

    @Test
    void run_staleSeries_isFlaggedAndGetsNoSignal() {
        clock.set(NOW.plus(Duration.ofDays(10)));

        CycleResult r = cycle(real, 10).run(request(tickers(4)));

        assertThat(r.run().staleSymbols()).containsExactlyInAnyOrderElementsOf(tickers(4));
        assertThat(r.signals()).isEmpty();
        assertThat(r.run().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void aggregationWindow_sameSignalTwice_storesItOnceUnlessMoreConfident() {
        SymbolAnalysis fixed = (s, t, h, tf, asOf, stale) -> new SymbolOutcome(
                s,
                new Signal(
                        s,
                        0,
                        t.ts()[t.size() - 1],
                        Signal.Type.SHORT,
                        100,
                        110,
                        80,
                        0.6,
                        0.6,
                        0.7,
                        Signal.Tier.MEDIUM,
                        false),
                false,
                null);
        SymbolAnalysis better = (s, t, h, tf, asOf, stale) -> new SymbolOutcome(
                s,
                new Signal(
                        s,
                        0,
                        t.ts()[t.size() - 1],
                        Signal.Type.SHORT,
                        100,
                        110,
                        80,
                        0.9,
                        0.6,
                        0.7,
                        Signal.Tier.HIGH,
                        false),
                false,
                null);
        List<String> one = List.of("SYN0030");

        CycleResult first = cycle(fixed, 10).run(request(one));
        CycleResult again = cycle(fixed, 10).run(request(one));
        CycleResult stronger = cycle(better, 10).run(request(one));

        assertThat(first.signals()).hasSize(1);
        assertThat(again.signals()).isEmpty();
        assertThat(stronger.signals()).hasSize(1);
        assertThat(db.queryOne(
                        "t",
                        "SELECT count(*) FROM signals g JOIN symbols y ON y.id = g.symbol_id"
                                + " WHERE y.ticker = 'SYN0030' AND g.superseded_at IS NULL",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1)))
                .contains(1L);
    }

    @Test
    void run_symbolWithoutHigherTimeframeBars_aggregatesItsTradingBars() {
        SymbolOutcome o = real.analyze(
                "X",
                new io.dgas.store.bars.BarRepository(db).last("SYN0001", Timeframe.H1, 200),
                io.dgas.store.bars.BarColumns.empty("X", Timeframe.H4),
                Timeframe.H4,
                NOW,
                Duration.ofHours(3));

        assertThat(o.failed()).as(String.valueOf(o.error())).isFalse();
        assertThat(o.stale()).isFalse();
    }
}
