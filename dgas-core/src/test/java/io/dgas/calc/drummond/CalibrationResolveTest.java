package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

/** drummond.md §7 [C]: fill within the expiry, lapse, stop first, target, time exit, with R multiples. */
class CalibrationResolveTest {

    /** Bars from {open, high, low, close} rows, one hour apart from {@link RandomBars#START}. */
    private static BarSeries bars(double[]... ohlc) {
        BarSeries s = new BarSeries("C", Timeframe.H1);
        for (int i = 0; i < ohlc.length; i++) {
            double[] b = ohlc[i];
            s.append(RandomBars.START + i * 3600L, b[0], b[1], b[2], b[3], 1);
        }
        return s;
    }

    static Signal signal(Signal.Type type, double entry, double stop, double target, int expiry) {
        return new Signal(
                "C",
                0,
                RandomBars.START,
                type,
                entry,
                stop,
                target,
                0.7,
                0.7,
                0.7,
                Signal.Tier.MEDIUM,
                false,
                expiry,
                WinProbability.uncalibrated(0),
                null);
    }

    private static final double[] ABOVE = {102, 103, 101, 102}; // never reaches a LONG entry of 100
    private static final double[] THROUGH = {101, 101.5, 99.5, 101}; // low 99.5 trades through 100

    @Test
    void resolve_entryReachedOnlyAfterExpiry_lapsesAsNotFilled() {
        BarSeries s = bars(ABOVE, ABOVE, ABOVE, THROUGH, ABOVE);
        Signal twoBars = signal(Signal.Type.LONG, 100, 95, 110, 2);
        assertThat(Calibration.resolve(twoBars, s, 4).outcome()).isEqualTo(Calibration.Outcome.NOT_FILLED);
        Calibration.Result three = Calibration.resolve(signal(Signal.Type.LONG, 100, 95, 110, 3), s, 4);
        assertThat(three.fillBar()).isEqualTo(3);
    }

    @Test
    void resolve_expiryNotYetOver_isPending() {
        BarSeries s = bars(ABOVE, ABOVE);
        assertThat(Calibration.resolve(signal(Signal.Type.LONG, 100, 95, 110, 2), s, 4)
                        .outcome())
                .isEqualTo(Calibration.Outcome.PENDING);
    }

    @Test
    void resolve_neitherLevelByHorizon_timeExitAtLastClose() {
        BarSeries s = bars(ABOVE, THROUGH, ABOVE, new double[] {102, 103, 101, 102.5}, ABOVE);
        Calibration.Result r = Calibration.resolve(signal(Signal.Type.LONG, 100, 95, 110, 5), s, 3);
        assertThat(r.outcome()).isEqualTo(Calibration.Outcome.NEUTRAL);
        assertThat(r.exitBar()).isEqualTo(3);
        assertThat(r.r()).isCloseTo((102.5 - 100) / (100 - 95), within(1e-12));
    }

    @Test
    void resolve_barOpensBeyondStop_exitsAtTheOpen() {
        BarSeries s = bars(ABOVE, THROUGH, new double[] {93, 94, 92, 93.5});
        Calibration.Result r = Calibration.resolve(signal(Signal.Type.LONG, 100, 95, 110, 5), s, 5);
        assertThat(r.outcome()).isEqualTo(Calibration.Outcome.LOSS);
        assertThat(r.exitPrice()).isEqualTo(93.0);
        assertThat(r.r()).isCloseTo((93.0 - 100) / 5, within(1e-12));
    }

    @Test
    void resolve_stopAndTargetInTheFillBar_stopFirst() {
        BarSeries s = bars(ABOVE, new double[] {101, 111, 94, 105});
        Calibration.Result r = Calibration.resolve(signal(Signal.Type.LONG, 100, 95, 110, 5), s, 5);
        assertThat(r.outcome()).isEqualTo(Calibration.Outcome.LOSS);
        assertThat(r.r()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void resolve_shortReachesTarget_winsRewardOverRisk() {
        BarSeries s = bars(ABOVE, new double[] {99, 100.5, 98, 99}, new double[] {97, 97.5, 89, 90});
        Calibration.Result r = Calibration.resolve(signal(Signal.Type.SHORT, 100, 105, 90, 5), s, 5);
        assertThat(r.outcome()).isEqualTo(Calibration.Outcome.WIN);
        assertThat(r.fillBar()).isEqualTo(1);
        assertThat(r.r()).isCloseTo((100 - 90) / 5.0, within(1e-12));
    }

    @Test
    void resolve_exitSignal_isNotApplicable() {
        BarSeries s = bars(ABOVE, THROUGH);
        Signal exit = signal(Signal.Type.EXIT_LONG, 100, Double.NaN, Double.NaN, 5);
        assertThat(Calibration.resolve(exit, s, 5).outcome()).isEqualTo(Calibration.Outcome.NOT_APPLICABLE);
    }
}
