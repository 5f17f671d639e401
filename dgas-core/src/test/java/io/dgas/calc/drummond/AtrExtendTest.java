package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Extending kept ATR values from any bar on gives {@link Atr#wilder}'s values bit for bit. */
class AtrExtendTest {

    @Test
    void extend_fromEveryBarAndPeriod_equalsWilderBitForBit() {
        int checked = 0;
        for (long seed = 1; seed <= 4; seed++) {
            BarSeries s = RandomBars.series(seed, 60, Timeframe.H1);
            for (int period = 1; period <= 20; period += 3) {
                double[] full = Atr.wilder(s, period, s.size());
                for (int from = 0; from <= s.size(); from++) {
                    double[] kept = Arrays.copyOf(full, s.size());
                    // values from `from` on are unknown to the caller: make them wrong
                    Arrays.fill(kept, from, s.size(), 12_345.0);
                    Atr.extend(s, period, kept, from, s.size());
                    assertThat(Arrays.equals(kept, full))
                            .as("seed %d period %d from %d", seed, period, from)
                            .isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 7 * 61);
    }

    @Test
    void extend_seriesShorterThanPeriod_isNaNThroughout() {
        BarSeries s = RandomBars.series(9, 5, Timeframe.H1);
        double[] atr = new double[5];
        Atr.extend(s, 14, atr, 0, 5);
        assertThat(atr).containsOnly(Double.NaN);
    }
}
