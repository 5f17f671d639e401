package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.app.collect.CollectStage;
import io.dgas.calc.drummond.Calibration;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.WinProbability;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.SignalOutcomes;
import io.dgas.store.runs.SignalQuery;
import io.dgas.store.runs.SignalWrites;
import io.dgas.store.runs.StoredSignal;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** [C] Signals keep reasons, expiry and probability; the cycle records outcomes and calibrates new signals by them. */
class SignalOutcomesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static Database db;
    private static ExecutorService workers;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (n, t, r, f) -> {});
        Seed.universe(db, 40, 400, NOW, 7, true);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    private static PredictionCycle cycle(SymbolAnalysis a, FakeClock clock, int minCalibrated) {
        return new PredictionCycle(
                db,
                a,
                workers,
                10,
                clock,
                "test",
                new SimpleMeterRegistry(),
                r -> r,
                minCalibrated,
                EventPublisher.NONE,
                CollectStage.none());
    }

    private static CycleRequest request(List<String> symbols) {
        return new CycleRequest(symbols, Timeframe.H4, Timeframe.H1, 300, Duration.ofHours(3));
    }

    private static List<StoredSignal> stored(String direction) {
        return new io.dgas.store.runs.SignalReads(db)
                .signals(new SignalQuery(null, null, null, null, direction, 1000, 0));
    }

    @Test
    void run_realAnalyzer_storesReasonsExpiryAndNoProbabilityWithoutOutcomes() {
        SymbolAnalyzer real = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        CycleResult r = cycle(real, new FakeClock(NOW), 30).run(request(null));
        List<Signal> entries =
                r.signals().stream().filter(s -> s.type().isEntry()).toList();

        assertThat(entries).as("the seeded universe gives entry signals").isNotEmpty();
        for (Signal s : entries) {
            Map<String, Object> row = db.queryOne(
                            "t",
                            "SELECT g.reasons->'zone'->>'role' AS role, g.reasons->'htf'->>'timeframe' AS htf,"
                                    + " (g.reasons->>'reward_risk')::float8 AS rr, g.expiry_bars, g.expires_at,"
                                    + " g.win_probability, g.calibration_decided FROM signals g JOIN symbols y"
                                    + " ON y.id = g.symbol_id WHERE y.ticker = ? AND g.ts = ? AND g.signal_type = ?"
                                    // this run's row: the other test stores longs at the same bars
                                    + " AND g.run_id = ?",
                            ps -> {
                                ps.setString(1, s.symbol());
                                ps.setTimestamp(2, java.sql.Timestamp.from(Instant.ofEpochSecond(s.ts())));
                                ps.setString(3, SignalWrites.code(s.type()));
                                ps.setLong(4, r.run().id());
                            },
                            rs -> Map.<String, Object>of(
                                    "role", rs.getString(1),
                                    "htf", rs.getString(2),
                                    "rr", rs.getDouble(3),
                                    "expiry", rs.getInt(4),
                                    "expires", rs.getTimestamp(5).toInstant(),
                                    "probability", rs.getObject(6) == null ? "none" : rs.getObject(6),
                                    "decided", rs.getInt(7)))
                    .orElseThrow();
            String side = s.type() == Signal.Type.LONG ? "support" : "resistance";
            assertThat(row.get("role")).isIn(side, "at price");
            assertThat(row.get("htf")).isEqualTo("4h");
            assertThat((double) row.get("rr")).isCloseTo(s.reasons().rewardRisk(), within(1e-9));
            assertThat(row.get("expiry")).isEqualTo(5);
            assertThat(row.get("expires")).isEqualTo(Instant.ofEpochSecond(s.ts() + 6 * 3600L));
            assertThat(row.get("probability")).isEqualTo("none");
            assertThat(row.get("decided")).isEqualTo(0);
        }
    }

    @Test
    void run_afterPastSignalsClosed_recordsTheirOutcomesAndCalibratesNewSignals() {
        List<String> symbols = IntStream.range(10, 30)
                .mapToObj(io.dgas.app.demo.SyntheticBars::ticker)
                .toList();
        FakeClock clock = new FakeClock(NOW);
        SymbolAnalysis past =
                (s, t, h, tf, asOf, stale) -> new SymbolOutcome(s, longAt(s, t, t.size() - 80), false, null);
        cycle(past, clock, 5).run(request(symbols));
        SymbolAnalysis latest =
                (s, t, h, tf, asOf, stale) -> new SymbolOutcome(s, longAt(s, t, t.size() - 1), false, null);

        CycleResult now = cycle(latest, clock, 5).run(request(symbols));

        BarRepository bars = new BarRepository(db);
        int wins = 0;
        int decided = 0;
        for (StoredSignal g : stored("long")) {
            if (!symbols.contains(g.symbol()) || g.ts().isAfter(NOW.minus(Duration.ofHours(40)))) {
                continue;
            }
            BarColumns c = bars.range(g.symbol(), Timeframe.H1, g.ts(), NOW);
            Calibration.Result expected = CalibrationJob.resolve(longAt(g.symbol(), c, 0), SymbolAnalyzer.series(c));
            assertThat(g.outcome()).isEqualTo(expected.outcome().name().toLowerCase(java.util.Locale.ROOT));
            if (Double.isNaN(expected.r())) {
                assertThat(g.outcomeR()).isNull();
            } else {
                assertThat(g.outcomeR()).isCloseTo(expected.r(), within(1e-9));
            }
            wins += expected.outcome() == Calibration.Outcome.WIN ? 1 : 0;
            decided += expected.outcome() == Calibration.Outcome.WIN || expected.outcome() == Calibration.Outcome.LOSS
                    ? 1
                    : 0;
        }
        assertThat(decided)
                .as("±1 % around the close decides most of 20 signals in 24 h")
                .isGreaterThanOrEqualTo(5);
        WinProbability expected = WinProbability.of(wins, decided);
        assertThat(now.signals()).hasSize(symbols.size());
        for (Signal s : now.signals()) {
            assertThat(s.probability().rate()).isCloseTo(expected.rate(), within(1e-12));
            assertThat(s.probability().lowerBound()).isCloseTo(expected.lowerBound(), within(1e-12));
        }
        assertThat(db.queryOne(
                        "t",
                        "SELECT count(*) FROM signals WHERE win_probability IS NOT NULL AND calibration_decided = ?",
                        ps -> ps.setInt(1, expected.decided()),
                        rs -> rs.getLong(1)))
                .contains((long) symbols.size());
    }

    /** A LONG at bar {@code k} of {@code c}: entry at its close, stop and target 1 % away, score 0.65, expiry 5. */
    @Test
    void calibration_signalsOfRunsWithDifferentSettings_groupedBySettings() throws Exception {
        FakeClock clock = new FakeClock(NOW);
        List<String> strict = IntStream.range(30, 35)
                .mapToObj(io.dgas.app.demo.SyntheticBars::ticker)
                .toList();
        List<String> usual = IntStream.range(35, 40)
                .mapToObj(io.dgas.app.demo.SyntheticBars::ticker)
                .toList();
        cycle(past(SignalSettings.of(SignalSettingsTest.minRewardRisk(3), MtfParams.defaults())), clock, 5)
                .run(request(strict));
        cycle(past(SignalSettings.of(SignalParams.defaults(), MtfParams.defaults())), clock, 5)
                .run(request(usual));

        CalibrationJob.Report r = new CalibrationJob(
                        new io.dgas.store.runs.SignalReads(db), new BarRepository(db), new RunRepository(db))
                .run(NOW, Duration.ofDays(30));

        assertThat(r.bySettings())
                .filteredOn(g -> g.settings().equals("min_reward_risk 3"))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.signals()).isEqualTo(strict.size());
                    assertThat(g.outcomes().values().stream()
                                    .mapToInt(Integer::intValue)
                                    .sum())
                            .isEqualTo(strict.size());
                });
        assertThat(r.bySettings())
                .filteredOn(g -> g.settings().equals("defaults"))
                .singleElement()
                .satisfies(g -> assertThat(g.signals()).isGreaterThanOrEqualTo(usual.size()));
        assertThat(r.bySettings().stream()
                        .mapToInt(CalibrationJob.SettingsGroup::signals)
                        .sum())
                .as("every entry signal in one group")
                .isEqualTo(r.signals());
    }

    @Test
    void run_ownSettingsDecidedEnough_calibratedOnThem_otherSettings_onEverySettingMarkedAll() throws Exception {
        FakeClock clock = new FakeClock(NOW);
        List<String> symbols = IntStream.range(0, 10)
                .mapToObj(io.dgas.app.demo.SyntheticBars::ticker)
                .toList();
        Map<String, Object> strict = SignalSettings.of(SignalSettingsTest.minRewardRisk(4), MtfParams.defaults());
        Map<String, Object> other = SignalSettings.of(SignalSettingsTest.minRewardRisk(5), MtfParams.defaults());
        cycle(at(strict, 80), clock, 3).run(request(symbols));

        List<Signal> same = cycle(at(strict, 1), clock, 3).run(request(symbols)).signals();
        // a bar earlier: a bar's signal is stored once
        List<Signal> differ =
                cycle(at(other, 2), clock, 3).run(request(symbols)).signals();

        // the outcomes the cycle recorded for the strict run's signals (their resolution is tested above)
        int[] counts = db.queryOne(
                        "t",
                        "SELECT count(*) FILTER (WHERE g.outcome = 'win'), count(*) FILTER (WHERE g.outcome IN"
                                + " ('win', 'loss')) FROM signals g JOIN prediction_runs r ON r.id = g.run_id"
                                + " WHERE r.settings_key = dgas_settings_key(?::jsonb)",
                        ps -> ps.setString(1, io.dgas.store.JsonColumns.write(strict)),
                        rs -> new int[] {rs.getInt(1), rs.getInt(2)})
                .orElseThrow();
        int wins = counts[0];
        int decided = counts[1];
        assertThat(decided).as("enough decided to calibrate at 3").isGreaterThanOrEqualTo(3);
        WinProbability own = WinProbability.of(wins, decided);
        assertThat(same).isNotEmpty().allSatisfy(g -> {
            assertThat(g.probability().rate()).isCloseTo(own.rate(), within(1e-12));
            assertThat(g.probability().scope()).isEqualTo("settings");
        });
        List<SignalOutcomes.DecileCount> pooled = new SignalOutcomes(db).decided();
        int allWins = pooled.stream()
                .filter(c -> c.type().equals("long") && c.decile() == 6)
                .mapToInt(SignalOutcomes.DecileCount::wins)
                .sum();
        int allDecided = allWins
                + pooled.stream()
                        .filter(c -> c.type().equals("long") && c.decile() == 6)
                        .mapToInt(SignalOutcomes.DecileCount::losses)
                        .sum();
        assertThat(differ).isNotEmpty().allSatisfy(g -> {
            assertThat(g.probability().rate())
                    .as("no outcome of its own settings yet: every setting's")
                    .isCloseTo((double) allWins / allDecided, within(1e-12));
            assertThat(g.probability().scope()).isEqualTo("all");
        });
        assertThat(db.query(
                        "t",
                        "SELECT DISTINCT g.calibration_scope FROM signals g JOIN prediction_runs r ON r.id = g.run_id"
                                + " WHERE r.settings_key = dgas_settings_key(?::jsonb)"
                                + " AND g.win_probability IS NOT NULL",
                        ps -> ps.setString(1, io.dgas.store.JsonColumns.write(other)),
                        rs -> rs.getString(1)))
                .containsExactly("all");
    }

    /** A long signal 80 bars back on each symbol, from a step that reports {@code settings}. */
    private static SymbolAnalysis past(Map<String, Object> settings) {
        return at(settings, 80);
    }

    /** A long signal {@code back} bars back on each symbol, from a step that reports {@code settings}. */
    private static SymbolAnalysis at(Map<String, Object> settings, int back) {
        return new SymbolAnalysis() {
            @Override
            public SymbolOutcome analyze(
                    String s, BarColumns t, BarColumns h, Timeframe tf, Instant asOf, Duration stale) {
                return new SymbolOutcome(s, longAt(s, t, t.size() - back), false, null);
            }

            @Override
            public Map<String, Object> settings() {
                return settings;
            }
        };
    }

    private static Signal longAt(String symbol, BarColumns c, int k) {
        double close = c.close()[k];
        return new Signal(
                symbol,
                k,
                c.ts()[k],
                Signal.Type.LONG,
                close,
                close * 0.99,
                close * 1.01,
                0.65,
                0.6,
                0.7,
                Signal.Tier.MEDIUM,
                false,
                5,
                WinProbability.uncalibrated(0),
                null);
    }
}
