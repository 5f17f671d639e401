package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stepper over two incremental analyses gives, bar by bar, exactly the batch {@link Signals#raw} signals. */
class SignalStepperTest {
    private static final int BARS = 600;

    @Test
    void at_everyBarOfIncrementalAnalyses_equalsBatchRawSignals() {
        int compared = 0;
        for (long seed = 1; seed <= 4; seed++) {
            BarSeries t = RandomBars.series(seed, BARS, Timeframe.H1);
            long end = t.ts()[t.size() - 1] + Timeframe.H1.seconds();
            BarSeries h = BarAggregator.complete(t, Timeframe.H4, end);
            SignalParams sp = NoLookAheadTest.loose();
            // the default zone window, every line, a short one and one longer than the series
            MtfParams mp = MtfParams.defaults().withZoneLookbackBars(new int[] {100, 0, 9, 2000}[(int) (seed - 1)]);
            List<Signal> expected = Signals.raw(DrummondAnalyzer.analyze(h), DrummondAnalyzer.analyze(t), mp, sp, BARS);
            double[] atr = Atr.wilder(t, sp.atrPeriod(), BARS);

            IncrementalAnalyzer ti = new IncrementalAnalyzer(t.symbol(), t.timeframe(), DrummondParams.defaults());
            IncrementalAnalyzer hi = new IncrementalAnalyzer(h.symbol(), h.timeframe(), DrummondParams.defaults());
            SignalStepper stepper = new SignalStepper(mp, sp);
            DrummondAnalysis tv = null;
            DrummondAnalysis hv = null;
            List<Signal> actual = new ArrayList<>();
            int j = 0;
            for (int k = 0; k < BARS; k++) {
                ti.append(t.ts()[k], t.open()[k], t.high()[k], t.low()[k], t.close()[k], t.volume()[k]);
                long barEnd = t.ts()[k] + Timeframe.H1.seconds();
                while (j < h.size() && h.ts()[j] + Timeframe.H4.seconds() <= barEnd) {
                    hi.append(h.ts()[j], h.open()[j], h.high()[j], h.low()[j], h.close()[j], h.volume()[j]);
                    j++;
                }
                if (ti.series().size() < 3 || hi.series().size() < 3) {
                    continue;
                }
                tv = tv == null ? ti.analysis() : tv;
                hv = hv == null ? hi.analysis() : hv;
                Signal s = stepper.at(hv, tv, k, atr[k]);
                if (s != null) {
                    actual.add(s);
                }
            }
            // record equality: prices, score, tier, reasons (zones, events, ATR), expiry
            assertThat(actual).as("seed " + seed).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).as("the comparison needs signals to mean anything").isGreaterThan(20);
    }
}
