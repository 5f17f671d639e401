package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * drummond.md §7 [C] invariants over thousands of random walks and trending and congesting series: every entry signal
 * is valid when issued (LONG stop < entry ≤ close < target, SHORT mirrored), no entry is farther from the close than
 * the reach (2 × ATR(14), recomputed here), every zone used has its role on the signal's side of the close, the
 * reward:risk is at least 1.5, and an unfilled signal lapses at its expiry.
 */
class SignalInvariantsTest {
    private static final SignalParams P = SignalParams.defaults();
    private static final double EPS = 1e-9;

    @Test
    void raw_thousandsOfRandomWalks_everyEntrySignalHoldsTheInvariants() {
        int entries = 0;
        for (long seed = 1; seed <= 2000; seed++) {
            entries += check(RandomBars.series(seed, 150, Timeframe.H1));
        }
        assertThat(entries).as("entry signals checked").isGreaterThan(1000);
    }

    @Test
    void raw_trendingAndCongestingSeries_everyEntrySignalHoldsTheInvariants() {
        int entries = 0;
        for (long seed = 1; seed <= 100; seed++) {
            entries += check(RandomBars.shaped(seed, 300, Timeframe.H1, 0.1, 0));
            entries += check(RandomBars.shaped(seed, 300, Timeframe.H1, -0.1, 0));
            entries += check(RandomBars.shaped(seed, 300, Timeframe.H1, 0, 0.3));
        }
        assertThat(entries).as("entry signals checked").isGreaterThan(200);
    }

    /** Checks every raw signal of {@code s}; returns the number of entry signals. */
    private static int check(BarSeries s) {
        DrummondAnalysis t = DrummondAnalyzer.analyze(s);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(s, Timeframe.H4));
        double[] atr = Atr.wilder(s, 14, s.size());
        int entries = 0;
        for (Signal sig : Signals.raw(h, t, MtfParams.defaults(), P, s.size())) {
            if (!sig.type().isEntry()) {
                continue;
            }
            entries++;
            String ctx = s.symbol() + " bar " + sig.bar() + " " + sig;
            int dir = sig.type() == Signal.Type.LONG ? 1 : -1;
            double c = s.close()[sig.bar()];
            assertThat(dir * (sig.entry() - sig.stop())).as(ctx).isPositive();
            assertThat(dir * (c - sig.entry())).as(ctx).isGreaterThanOrEqualTo(0);
            assertThat(dir * (sig.target() - c)).as(ctx).isPositive();
            assertThat(Math.abs(c - sig.entry())).as(ctx).isLessThanOrEqualTo(2 * atr[sig.bar()] + EPS);
            SignalReasons r = sig.reasons();
            assertThat(r.close()).as(ctx).isEqualTo(c);
            assertThat(r.zone().role(c)).as(ctx).isNotEqualTo(dir > 0 ? ZoneRole.RESISTANCE : ZoneRole.SUPPORT);
            assertThat(dir * (c - r.zone().level())).as(ctx).isLessThanOrEqualTo(r.reach() + EPS);
            assertThat(r.zone().weightedStrength()).as(ctx).isGreaterThanOrEqualTo(2.5);
            if (r.opposing() != null) {
                assertThat(r.opposing().role(c)).as(ctx).isEqualTo(dir > 0 ? ZoneRole.RESISTANCE : ZoneRole.SUPPORT);
            }
            assertThat(r.rewardRisk()).as(ctx).isGreaterThanOrEqualTo(1.5 - EPS);
            assertThat(sig.expiryBars()).isEqualTo(5);
            checkLapse(sig, s, dir, ctx);
        }
        return entries;
    }

    /** The fill is the first bar within the expiry that trades through the entry; none such: "not filled". */
    private static void checkLapse(Signal sig, BarSeries s, int dir, String ctx) {
        int first = -1;
        for (int i = sig.bar() + 1; i <= sig.bar() + sig.expiryBars() && i < s.size() && first < 0; i++) {
            if (dir > 0 ? s.low()[i] <= sig.entry() : s.high()[i] >= sig.entry()) {
                first = i;
            }
        }
        Calibration.Result r = Calibration.resolve(sig, s, 24);
        if (first >= 0) {
            assertThat(r.fillBar()).as(ctx).isEqualTo(first);
        } else if (sig.bar() + sig.expiryBars() < s.size()) {
            assertThat(r.outcome()).as(ctx).isEqualTo(Calibration.Outcome.NOT_FILLED);
        } else {
            assertThat(r.outcome()).as(ctx).isEqualTo(Calibration.Outcome.PENDING);
        }
    }
}
