package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalsTest {
    private static Signal sig(long ts, Signal.Type type, double confidence) {
        return new Signal("S", 0, ts, type, 100, 99, 102, confidence, 0.6, 0.7, Signal.Tier.MEDIUM, false);
    }

    @Test
    void aggregate_withinSixtyMinutes_keepsOnlyTheMoreConfident() {
        List<Signal> out = Signals.aggregate(
                List.of(
                        sig(0, Signal.Type.LONG, 0.6),
                        sig(1800, Signal.Type.LONG, 0.8),
                        sig(3000, Signal.Type.LONG, 0.7),
                        sig(1800, Signal.Type.SHORT, 0.5)),
                3600);
        assertThat(out).extracting(Signal::confidence).containsExactly(0.8, 0.5);
    }

    @Test
    void aggregate_afterTheWindow_keepsBoth() {
        List<Signal> out =
                Signals.aggregate(List.of(sig(0, Signal.Type.LONG, 0.6), sig(7200, Signal.Type.LONG, 0.5)), 3600);
        assertThat(out).hasSize(2);
    }

    @Test
    void tier_highNeedsPatternConfluence_otherwiseMedium() {
        assertThat(Signal.Tier.of(0.8, 0.7, 3.5, true)).isEqualTo(Signal.Tier.HIGH);
        assertThat(Signal.Tier.of(0.8, 0.7, 3.5, false)).isEqualTo(Signal.Tier.MEDIUM);
        assertThat(Signal.Tier.of(0.55, 0.45, 3.6, false)).isEqualTo(Signal.Tier.LOW);
        assertThat(Signal.Tier.of(0.55, 0.45, 3.0, false)).isEqualTo(Signal.Tier.NONE);
    }

    private static BarSeries bars(double[][] hl) {
        BarSeries s = new BarSeries("C", Timeframe.H1);
        for (int i = 0; i < hl.length; i++) {
            s.append(RandomBars.START + i * 3600L, 100, hl[i][0], hl[i][1], 100, 1);
        }
        return s;
    }

    /** A signal without expiry: it may fill at any bar of the calibration window. */
    private static Signal longAt(double entry, double stop, double target) {
        return CalibrationResolveTest.signal(Signal.Type.LONG, entry, stop, target, Signal.NO_EXPIRY);
    }

    @Test
    void calibration_stopAndTargetInOneBar_isLoss() {
        BarSeries s = bars(new double[][] {{101, 99}, {111, 94}, {101, 99}});
        assertThat(Calibration.evaluate(longAt(100, 95, 110), s, 7200)).isEqualTo(Calibration.Outcome.LOSS);
    }

    @Test
    void calibration_targetAfterFill_isWin() {
        BarSeries s = bars(new double[][] {{101, 99}, {101, 99.5}, {111, 100}});
        assertThat(Calibration.evaluate(longAt(100, 95, 110), s, 7200)).isEqualTo(Calibration.Outcome.WIN);
    }

    @Test
    void calibration_filledNeitherLevelCompleteWindow_isNeutral() {
        BarSeries s = bars(new double[][] {{101, 99}, {101, 99.5}, {102, 99}});
        assertThat(Calibration.evaluate(longAt(100, 95, 110), s, 7200)).isEqualTo(Calibration.Outcome.NEUTRAL);
    }

    @Test
    void calibration_noBarsAfterSignal_isPending() {
        BarSeries s = bars(new double[][] {{101, 99}});
        assertThat(Calibration.evaluate(longAt(100, 95, 110), s, 7200)).isEqualTo(Calibration.Outcome.PENDING);
    }

    @Test
    void calibration_shortMirrors_targetBelowIsWin() {
        BarSeries s = bars(new double[][] {{101, 99}, {100.5, 97}, {99, 89}});
        Signal shortSig = new Signal(
                "C", 0, RandomBars.START, Signal.Type.SHORT, 100, 105, 90, 0.7, 0.7, 0.7, Signal.Tier.MEDIUM, false);
        assertThat(Calibration.evaluate(shortSig, s, 7200)).isEqualTo(Calibration.Outcome.WIN);
    }

    @Test
    void exitCheck_htfTrendAgainstLong_exitsWithConfidence08() {
        DrummondAnalysis t = DrummondAnalyzer.analyze(Golden.bars());
        MtfAnalysis m = new MtfAnalysis(
                19,
                0,
                3,
                0,
                MarketState.TREND,
                -1,
                0.9,
                0.8,
                MarketState.TREND,
                -1,
                0.9,
                0.9,
                MtfAnalysis.AlignmentType.PERFECT,
                true,
                0,
                "at",
                List.of(),
                new int[0],
                new int[0],
                false,
                0.8,
                MtfAnalysis.Risk.LOW,
                MtfAnalysis.Action.SHORT);
        ExitCheck.Decision d = ExitCheck.evaluate(1, m, t);
        assertThat(d.exit()).isTrue();
        assertThat(d.confidence()).isEqualTo(0.8);
        assertThat(ExitCheck.evaluate(-1, m, t).exit()).isFalse();
    }
}
