package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** drummond.md §7 [C]: win probability by type and score decile, with its Wilson lower bound. */
class CalibrationTableTest {

    @Test
    void wilsonLower_twentyOfThirty_matchesTheScoreInterval() {
        double z = 1.959963984540054;
        double p = 20 / 30.0;
        double expected = (p + z * z / 60 - z * Math.sqrt(p * (1 - p) / 30 + z * z / 3600)) / (1 + z * z / 30);
        assertThat(WinProbability.wilsonLower(20, 30, z)).isCloseTo(expected, within(1e-12));
        assertThat(WinProbability.wilsonLower(20, 30, z)).isCloseTo(0.4878, within(1e-4)); // published tables
        assertThat(WinProbability.wilsonLower(0, 30, z)).isZero();
    }

    @Test
    void probability_decileWithFewerThanThirtyDecided_isUncalibrated() {
        CalibrationTable t = new CalibrationTable(30);
        for (int i = 0; i < 29; i++) {
            t.add(Signal.Type.LONG, 0.71 + i * 0.001, i < 20 ? Calibration.Outcome.WIN : Calibration.Outcome.LOSS);
            t.add(Signal.Type.LONG, 0.75, Calibration.Outcome.NEUTRAL);
            t.add(Signal.Type.LONG, 0.75, Calibration.Outcome.NOT_FILLED);
        }
        WinProbability before = t.probability(Signal.Type.LONG, 0.75);
        assertThat(before.calibrated()).isFalse();
        assertThat(before.decided()).isEqualTo(29);

        t.add(Signal.Type.LONG, 0.705, Calibration.Outcome.LOSS);
        WinProbability after = t.probability(Signal.Type.LONG, 0.79);
        assertThat(after.rate()).isCloseTo(20 / 30.0, within(1e-12));
        assertThat(after.lowerBound()).isCloseTo(WinProbability.wilsonLower(20, 30, WinProbability.Z95), within(0.0));
    }

    @Test
    void probability_otherDecileOrType_doesNotShareCounts() {
        CalibrationTable t = new CalibrationTable(1);
        t.add(Signal.Type.LONG, 0.85, Calibration.Outcome.WIN);
        assertThat(t.probability(Signal.Type.LONG, 0.81).rate()).isEqualTo(1.0);
        assertThat(t.probability(Signal.Type.LONG, 0.79).calibrated()).isFalse();
        assertThat(t.probability(Signal.Type.SHORT, 0.85).calibrated()).isFalse();
        assertThat(t.probability(Signal.Type.EXIT_LONG, 0.85).calibrated()).isFalse();
    }

    @Test
    void withFallback_ownSettingsThinInADecile_answeredFromThePoolMarkedPooled_untilItsOwnRecordIsLongEnough() {
        CalibrationTable all = new CalibrationTable(3);
        CalibrationTable own = new CalibrationTable(3);
        for (int i = 0; i < 4; i++) {
            all.add(Signal.Type.LONG, 0.75, i == 0 ? Calibration.Outcome.LOSS : Calibration.Outcome.WIN);
        }
        own.add(Signal.Type.LONG, 0.75, Calibration.Outcome.LOSS);
        own.add(Signal.Type.LONG, 0.75, Calibration.Outcome.LOSS);
        CalibrationTable scoped = own.withFallback(all);

        WinProbability thin = scoped.probability(Signal.Type.LONG, 0.72);
        assertThat(thin.rate()).isEqualTo(3 / 4.0);
        assertThat(thin.decided()).isEqualTo(4);
        assertThat(thin.pooled()).isTrue();
        assertThat(scoped.probability(Signal.Type.SHORT, 0.72).calibrated())
                .as("neither table holds shorts")
                .isFalse();
        assertThat(scoped.probability(Signal.Type.SHORT, 0.72).pooled()).isFalse();

        own.add(Signal.Type.LONG, 0.75, Calibration.Outcome.WIN);
        WinProbability long_ = own.withFallback(all).probability(Signal.Type.LONG, 0.72);
        assertThat(long_.rate()).as("its own record, once 3 are decided").isEqualTo(1 / 3.0);
        assertThat(long_.pooled()).isFalse();
    }

    @Test
    void decile_boundsAndSaturatedScore_fallInDecilesZeroToNine() {
        assertThat(CalibrationTable.decile(0.0)).isZero();
        assertThat(CalibrationTable.decile(0.0999)).isZero();
        assertThat(CalibrationTable.decile(0.1)).isEqualTo(1);
        assertThat(CalibrationTable.decile(1.0)).isEqualTo(9);
        assertThat(CalibrationTable.decile(Double.NaN)).isZero();
    }

    @Test
    void apply_calibratedDecile_setsTheSignalsProbability() {
        CalibrationTable t = new CalibrationTable(2);
        t.add(Signal.Type.SHORT, 0.62, Calibration.Outcome.WIN);
        t.add(Signal.Type.SHORT, 0.68, Calibration.Outcome.LOSS);
        Signal s = CalibrationResolveTest.signal(Signal.Type.SHORT, 100, 105, 90, 5); // score 0.7: other decile
        assertThat(t.apply(s).probability().calibrated()).isFalse();
        Signal s6 = new Signal("C", 0, 0, Signal.Type.SHORT, 100, 105, 90, 0.65, 0.7, 0.7, Signal.Tier.LOW, false);
        assertThat(t.apply(s6).probability().rate()).isCloseTo(1 / 2.0, within(1e-12));
        assertThat(t.apply(s6).entry()).isEqualTo(s6.entry());
    }
}
