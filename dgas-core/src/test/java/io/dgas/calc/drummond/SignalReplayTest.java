package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * [C] The replay behind {@code dgas signals evaluate}: the prefix (no look-ahead) property extended to reasons and
 * probabilities, and the report's arithmetic.
 */
class SignalReplayTest {
    private static final int SYMBOLS = 6;
    private static final int BARS = 480;

    private static List<SignalReplay.Trade> replay(int bars) {
        List<SignalReplay.Trade> all = new ArrayList<>();
        for (long seed = 1; seed <= SYMBOLS; seed++) {
            BarSeries s = RandomBars.series(seed, BARS, Timeframe.H1).head(bars);
            DrummondAnalysis t = DrummondAnalyzer.analyze(s);
            DrummondAnalysis h = DrummondAnalyzer.analyze(
                    BarAggregator.complete(s, Timeframe.H4, s.ts()[s.size() - 1] + Timeframe.H1.seconds()));
            all.addAll(SignalReplay.trades(h, t, MtfParams.defaults(), NoLookAheadTest.loose(), 86_400, 0));
        }
        return SignalReplay.calibrate(all, 3);
    }

    @Test
    void calibrate_historyTruncatedAtManyTimes_everyEarlierSignalKeepsItsReasonsAndProbability() {
        List<SignalReplay.Trade> full = replay(BARS);
        long calibrated =
                full.stream().filter(t -> t.signal().probability().calibrated()).count();
        assertThat(calibrated)
                .as("the property must be exercised by calibrated signals")
                .isGreaterThan(20);
        for (int k = 60; k < BARS; k += 37) {
            long cutoff = RandomBars.START + (long) k * Timeframe.H1.seconds();
            List<SignalReplay.Trade> head = replay(k + 1);
            Map<String, Signal> expected = full.stream()
                    .filter(t -> t.signal().ts() <= cutoff)
                    .collect(Collectors.toMap(SignalReplayTest::key, SignalReplay.Trade::signal));
            Map<String, Signal> actual =
                    head.stream().collect(Collectors.toMap(SignalReplayTest::key, SignalReplay.Trade::signal));
            // record equality: prices, score, reasons (zones, events, ATR, reach, reward:risk), expiry, probability
            assertThat(actual).as("signals known at bar " + k).isEqualTo(expected);
        }
    }

    @Test
    void calibrate_eachProbability_restsOnlyOnOutcomesResolvedByItsIssue() {
        List<SignalReplay.Trade> trades = replay(BARS);
        for (SignalReplay.Trade t : trades) {
            CalibrationTable known = new CalibrationTable(3);
            for (SignalReplay.Trade o : trades) {
                if (o.resolvedAt() <= t.issuedAt()) {
                    known.add(
                            o.signal().type(),
                            o.signal().confidence(),
                            o.result().outcome());
                }
            }
            assertThat(t.signal().probability())
                    .isEqualTo(known.probability(t.signal().type(), t.signal().confidence()));
        }
    }

    @Test
    void group_knownTrades_giveFillRateExpectancyAndInterval() {
        Signal s = new Signal("X", 0, 0, Signal.Type.LONG, 100, 99, 102, 0.65, 0.6, 0.7, Signal.Tier.LOW, false);
        List<SignalReplay.Trade> trades = List.of(
                trade(s, Calibration.Outcome.WIN, 2.0),
                trade(s, Calibration.Outcome.LOSS, -1.0),
                trade(s, Calibration.Outcome.NEUTRAL, 0.5),
                trade(s, Calibration.Outcome.NOT_FILLED, Double.NaN));

        EvaluationReport.Group g = EvaluationReport.group("all", trades);

        assertThat(g.signals()).isEqualTo(4);
        assertThat(g.filled()).isEqualTo(3);
        assertThat(g.fillRate()).isCloseTo(3 / 4.0, within(1e-12));
        assertThat(g.avgR()).isCloseTo((2.0 - 1.0 + 0.5) / 3, within(1e-12));
        // net of 0.1 R each: mean 0.4, sample sd of {1.9, -1.1, 0.4} = 1.5
        assertThat(g.expectancy()).isCloseTo(0.4, within(1e-12));
        assertThat(g.expectancyHigh() - g.expectancy())
                .isCloseTo(WinProbability.Z95 * 1.5 / Math.sqrt(3), within(1e-12));
    }

    private static SignalReplay.Trade trade(Signal s, Calibration.Outcome o, double r) {
        boolean filled = o != Calibration.Outcome.NOT_FILLED;
        return new SignalReplay.Trade(
                s, new Calibration.Result(o, filled ? 1 : -1, filled ? 2 : -1, Double.NaN, r), 0, 0, 0.1);
    }

    private static String key(SignalReplay.Trade t) {
        return t.signal().symbol() + "@" + t.signal().ts() + ":" + t.signal().type();
    }
}
