package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stepper's kept state (zone indexes, higher-timeframe candidates, the trading envelope's sliding runs, the
 * streamed clustering) follows a live analysis whose last bar is replaced while it forms: at each bar, first formed
 * as a guess and then as the real bar, its signal equals the full computation on the same analysis (every window's
 * lines sorted and every candidate clustered afresh). A replaced bar changes the last envelope row and lines, which
 * the kept state must notice.
 */
class SignalStepperFormingBarsTest {
    private static final int BARS = 400;

    @Test
    void at_lastBarReplacedWhileForming_equalsFullComputation() {
        long compared = 0;
        long signals = 0;
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 31);
            BarSeries t = RandomBars.series(seed, BARS, Timeframe.H1);
            BarSeries h = BarAggregator.complete(t, Timeframe.H4, t.ts()[t.size() - 1] + Timeframe.H1.seconds());
            SignalParams sp = seed % 2 == 0 ? SignalParams.defaults() : NoLookAheadTest.loose();
            MtfParams mp = MtfParams.defaults().withZoneLookbackBars(seed % 3 == 0 ? 0 : 40);
            double[] atr = Atr.wilder(t, sp.atrPeriod(), BARS);
            IncrementalAnalyzer ti = new IncrementalAnalyzer(t.symbol(), t.timeframe(), DrummondParams.defaults());
            IncrementalAnalyzer hi = new IncrementalAnalyzer(h.symbol(), h.timeframe(), DrummondParams.defaults());
            SignalStepper stepper = new SignalStepper(mp, sp);
            DrummondAnalysis ta = null;
            DrummondAnalysis ha = null;
            int j = 0;
            for (int k = 0; k < BARS; k++) {
                long barEnd = t.ts()[k] + Timeframe.H1.seconds();
                while (j < h.size() && h.ts()[j] + Timeframe.H4.seconds() <= barEnd) {
                    hi.append(h.ts()[j], h.open()[j], h.high()[j], h.low()[j], h.close()[j], h.volume()[j]);
                    j++;
                }
                // a guess at the forming bar: the real one moved by up to 2 %, then the real one
                double f = 1 + (r.nextDouble() - 0.5) * 0.04;
                double c = t.close()[k] * f;
                double o = t.open()[k];
                ti.append(
                        t.ts()[k],
                        o,
                        Math.max(Math.max(o, c), t.high()[k] * f),
                        Math.min(Math.min(o, c), t.low()[k]),
                        c,
                        1);
                for (int pass = 0; pass < 2; pass++) {
                    if (pass == 1) {
                        ti.replaceLast(t.ts()[k], t.open()[k], t.high()[k], t.low()[k], t.close()[k], t.volume()[k]);
                    }
                    if (ti.series().size() < 3 || hi.series().size() < 3) {
                        continue;
                    }
                    // live views made once, as a replay keeps them: the kept state sees the same objects change
                    ta = ta == null ? ti.analysis() : ta;
                    ha = ha == null ? hi.analysis() : ha;
                    MtfAnalysis m = MultiTimeframe.tryAnalyze(ha, ta, k, mp, null, null);
                    Signal expected = m == null ? null : Signals.evaluate(m, ha, ta, atr[k], sp);
                    assertThat(stepper.at(ha, ta, k, atr[k]))
                            .as("seed " + seed + " bar " + k + " pass " + pass)
                            .isEqualTo(expected);
                    compared++;
                    signals += expected == null ? 0 : 1;
                }
            }
        }
        assertThat(compared).isGreaterThan(4000);
        assertThat(signals).as("the comparison needs signals to mean anything").isGreaterThan(100);
    }
}
