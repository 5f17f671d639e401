package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * {@link PatternConfluence#of} (events bucketed by type and direction) answers as the §6 rule read
 * literally: some pair of a recent HTF and a recent trading event with the same type and direction whose
 * [start ts, end ts + duration) spans intersect. Random hourly and daily pairs, at every bar, with 2, 10 (the
 * default) and 100 recent events (beyond 64 trading events: the all-pairs path).
 */
class PatternConfluenceTest {
    @Test
    void of_everyBarOfRandomSeries_equalsEveryPairCompared() {
        long compared = 0;
        long found = 0;
        long wide = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Timeframe trading = seed % 2 == 0 ? Timeframe.D1 : Timeframe.H1;
            Timeframe higher = trading == Timeframe.D1 ? Timeframe.W1 : Timeframe.H4;
            BarSeries t = seed % 3 == 0
                    ? RandomBars.shaped(seed, 900, trading, 0.05, 0.2)
                    : RandomBars.series(seed, 900, trading);
            DrummondAnalysis ta = DrummondAnalyzer.analyze(t);
            DrummondAnalysis ha = DrummondAnalyzer.analyze(
                    BarAggregator.complete(t, higher, t.ts()[t.size() - 1] + trading.seconds()));
            for (int k = PlDot.WARM_UP; k < t.size(); k++) {
                int j = MultiTimeframe.completeHtfIndex(ha, ta, k);
                if (j < PlDot.WARM_UP) {
                    continue;
                }
                for (int recent : new int[] {2, 10, 100}) {
                    int[] recentT = RecentEvents.of(ta.patterns(), k, recent);
                    int[] recentH = RecentEvents.of(ha.patterns(), j, recent);
                    boolean expected = everyPair(ha, recentH, ta, recentT);
                    assertThat(PatternConfluence.of(ha, recentH, ta, recentT))
                            .as("seed %d bar %d recent %d", seed, k, recent)
                            .isEqualTo(expected);
                    compared++;
                    found += expected ? 1 : 0;
                    wide += recentT.length > 64 ? 1 : 0;
                }
            }
        }
        assertThat(compared).isGreaterThan(20_000);
        assertThat(found).as("confluences found").isGreaterThan(compared / 10).isLessThan(compared - compared / 10);
        assertThat(wide).as("calls with more than 64 trading events").isGreaterThan(1000);
    }

    /** The rule read literally: every pair compared. */
    private static boolean everyPair(DrummondAnalysis htf, int[] recentH, DrummondAnalysis trading, int[] recentT) {
        PatternEvents he = htf.patterns();
        PatternEvents te = trading.patterns();
        for (int a : recentH) {
            for (int b : recentT) {
                if (he.type(a) != te.type(b) || he.direction(a) != te.direction(b)) {
                    continue;
                }
                long hs = htf.series().ts()[he.start(a)];
                long hend =
                        htf.series().ts()[he.end(a)] + htf.series().timeframe().seconds();
                long ts = trading.series().ts()[te.start(b)];
                long tend = trading.series().ts()[te.end(b)]
                        + trading.series().timeframe().seconds();
                if (hs < tend && ts < hend) {
                    return true;
                }
            }
        }
        return false;
    }
}
