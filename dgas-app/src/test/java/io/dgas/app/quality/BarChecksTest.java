package io.dgas.app.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BarChecksTest {
    /** Two sessions, [100, 200) and [300, 400), of bars 50 long. */
    private static final long[] OPENS = {100, 300};

    private static final long[] CLOSES = {200, 400};

    @Test
    void outside_barsMeetingASessionEvenInPart_areInside() {
        // 50 meets [100, 200) only at its end (exclusive): outside; 60 … 180 meet it; 200 and 250 do not; 260 meets
        // the second at 300 − 50 < 260; 400 is after the last
        long[] ts = {50, 60, 180, 200, 250, 260, 399, 400};

        BarChecks.Outside o = BarChecks.outside(ts, 50, OPENS, CLOSES, 0, 10);

        assertThat(o.count()).isEqualTo(4);
        assertThat(o.first()).containsExactly(0, 3, 4, 7);
        assertThat(BarChecks.outside(ts, 50, OPENS, CLOSES, 0, 2).first())
                .as("the first two only")
                .containsExactly(0, 3);
    }

    @Test
    void outside_shifted_countsTheBarsAsIfMovedBy() {
        long[] ts = {0, 10, 20}; // 100 earlier than the first session

        assertThat(BarChecks.outside(ts, 10, OPENS, CLOSES, 0, 0).count()).isEqualTo(3);
        assertThat(BarChecks.outside(ts, 10, OPENS, CLOSES, 100, 0).count()).isZero();
    }

    @Test
    void robustSigma_isTheScaledMedianAbsoluteDeviation_aWildValueDoesNotInflateIt() {
        // median 0; absolute deviations 1, 1, 2, 2, 100: their median 2
        double[] r = {-1, 1, -2, 2, 100, 0, 0};
        // with the zeros: deviations 0, 0, 1, 1, 2, 2, 100: median 1
        assertThat(BarChecks.robustSigma(r)).isCloseTo(1.4826 * 1, within(1e-12));
        assertThat(BarChecks.robustSigma(new double[] {-1, 1, -2, 2, 100})).isCloseTo(1.4826 * 2, within(1e-12));
    }

    @Test
    void robustSigma_mostValuesEqual_theScaledMeanAbsoluteDeviation() {
        // median 0, MAD 0 (four of five deviations are 0); mean absolute deviation 5 / 5 = 1
        assertThat(BarChecks.robustSigma(new double[] {0, 0, 0, 0, 5})).isCloseTo(1.2533, within(1e-12));
        assertThat(BarChecks.robustSigma(new double[] {0, 0, 0})).isZero();
    }

    @Test
    void spikes_aBadPrintTakenBack_andAJumpThatStays() {
        // log returns of +0.001 and -0.001 alternating (30 of each), then bar 20 printed 5 % high (taken back by bar
        // 21)
        // and every bar from 40 on 5 % higher (a jump that stays)
        double[] close = new double[61];
        close[0] = 100;
        for (int i = 1; i < close.length; i++) {
            close[i] = close[i - 1] * Math.exp(i % 2 == 0 ? 0.001 : -0.001);
        }
        close[20] *= 1.05;
        for (int i = 40; i < close.length; i++) {
            close[i] *= 1.05;
        }

        BarChecks.Spikes s = BarChecks.spikes(close, 10);

        // 30 returns above 0 and 30 below: median 0; 57 of the 60 deviations are 0.001, so the MAD is 0.001
        assertThat(s.sigma()).isCloseTo(1.4826 * 0.001, within(1e-12));
        assertThat(s.items()).extracting(BarChecks.Spike::index).containsExactly(20, 21, 40);
        assertThat(s.items().get(0).sigmas()).isCloseTo((0.001 + Math.log(1.05)) / s.sigma(), within(1e-6));
        assertThat(s.items().get(0).reverted()).isTrue();
        assertThat(s.items().get(1).sigmas()).isCloseTo((-0.001 - Math.log(1.05)) / s.sigma(), within(1e-6));
        assertThat(s.items().get(2).reverted()).as("the jump stays").isFalse();
    }

    @Test
    void spikes_steadyRampAndSteadyTrendWithOneJump_onlyTheJump() {
        // 100, 101, … 169: returns from log(101/100) = 0.00995 down to log(169/168) = 0.00593, all alike (their spread
        // about the median 0.0078 is a few thousandths: far below any return's size, which is no spike)
        double[] ramp = new double[70];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 100 + i;
        }
        // the same trend of +0.2 % a bar with a noise of ±0.01 %, and bar 30 opening a 3 % gap that stays
        double[] trend = new double[70];
        trend[0] = 50;
        for (int i = 1; i < trend.length; i++) {
            trend[i] = trend[i - 1] * Math.exp(0.002 + (i % 2 == 0 ? 0.0001 : -0.0001) + (i == 30 ? 0.03 : 0));
        }

        assertThat(BarChecks.spikes(ramp, 5).items()).isEmpty();
        BarChecks.Spikes s = BarChecks.spikes(trend, 5);
        assertThat(s.items()).extracting(BarChecks.Spike::index).containsExactly(30);
        // 35 odd bars return 0.0019, 33 even ones 0.0021 and bar 30 (even) 0.0321: the median (the 35th of 69) is
        // 0.0019, and the gap 0.0321 - 0.0019 = 0.0302 from it
        assertThat(s.items().get(0).sigmas() * s.sigma()).isCloseTo(0.0302, within(1e-9));
        assertThat(s.items().get(0).reverted()).isFalse();
    }

    @Test
    void spikes_flatSeries_none() {
        double[] close = new double[10];
        Arrays.fill(close, 10);

        assertThat(BarChecks.spikes(close, 10).items()).isEmpty();
        assertThat(BarChecks.spikes(new double[] {1, 2}, 10).sigma()).isNaN();
    }

    @Test
    void flatRuns_onlyRunsOfUntradedBarsAsLongAsAsked() {
        // bars 1-3 untraded, 4 traded flat (volume 5), 5-6 untraded, 7-9 untraded to the end
        double[] price = {10, 11, 11, 11, 11, 12, 12, 13, 13, 13};
        double[] high = price.clone();
        high[0] = 10.5;
        double[] volume = {1, 0, 0, 0, 5, 0, 0, 0, 0, 0};

        var runs = BarChecks.flatRuns(price, high, price, price, volume, 3);

        // 5-9: 12, 12, 13, 13, 13 are each flat and untraded: one run, whatever the price does between bars
        assertThat(runs).containsExactly(new BarChecks.FlatRun(1, 3), new BarChecks.FlatRun(5, 9));
        assertThat(BarChecks.flatRuns(price, high, price, price, volume, 4))
                .containsExactly(new BarChecks.FlatRun(5, 9));
    }
}
