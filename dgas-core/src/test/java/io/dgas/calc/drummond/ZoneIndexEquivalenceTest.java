package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The indexed multi-timeframe path ({@link ZoneIndex} per timeframe, kept across calls) equals the reference path
 * (every line sorted at every call by {@link DrummondAnalysis#zonesAt}) over random bar sequences of both timeframes:
 * appends, forming-bar replacements of the last bar, corrections of an older bar (the analysis rebuilt from the
 * corrected bars while the index is kept) and a window moved forward (the analysis rebuilt from the newest bars, as
 * {@code WarmSeries} compacts).
 */
class ZoneIndexEquivalenceTest {

    @Test
    void analyze_randomAppendsReplacementsCorrectionsAndShifts_equalsReferencePath() {
        int compared = 0;
        int withZones = 0;
        int[] ops = new int[4];
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 7919);
            Live t = new Live(RandomBars.series(seed, 40 + r.nextInt(120), Timeframe.H1));
            Live h = new Live(RandomBars.series(seed + 100, 20 + r.nextInt(60), Timeframe.H4));
            ZoneIndex tz = new ZoneIndex();
            ZoneIndex hz = new ZoneIndex();
            for (int step = 0; step < 400; step++) {
                Live which = r.nextInt(4) == 0 ? h : t;
                int op = r.nextInt(20);
                if (op < 12) {
                    which.append(r);
                    ops[0]++;
                } else if (op < 17) {
                    which.replaceLast(r);
                    ops[1]++;
                } else if (op < 19) {
                    which.correct(r);
                    ops[2]++;
                } else {
                    which.shift(r);
                    ops[3]++;
                }
                DrummondAnalysis ta = t.inc.analysis();
                DrummondAnalysis ha = h.inc.analysis();
                int k = ta.size() - 1;
                Same.zones(tz.at(ta, k), ta.zonesAt(k), "seed " + seed + " step " + step + " trading");
                int j = ha.size() - 1;
                Same.zones(hz.at(ha, j), ha.zonesAt(j), "seed " + seed + " step " + step + " htf");
                MtfAnalysis expected = MultiTimeframe.tryAnalyze(ha, ta, k, MtfParams.defaults(), null, null);
                MtfAnalysis actual = MultiTimeframe.tryAnalyze(ha, ta, k, MtfParams.defaults(), hz, tz);
                if (expected == null) {
                    assertThat(actual).isNull();
                    continue;
                }
                same(actual, expected, "seed " + seed + " step " + step);
                compared++;
                withZones += expected.zones().isEmpty() ? 0 : 1;
            }
        }
        assertThat(java.util.Arrays.stream(ops).min().getAsInt())
                .as("every operation occurs")
                .isGreaterThan(50);
        assertThat(compared).isGreaterThan(2000);
        assertThat(withZones).as("confluence zones must occur to mean anything").isGreaterThan(1000);
    }

    @Test
    void at_lowerBarThenHigherAgain_equalsZonesAt() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(RandomBars.series(5, 300, Timeframe.H1));
        ZoneIndex index = new ZoneIndex();
        for (int i : new int[] {299, 150, 151, 299, 2, 0, 298}) {
            Same.zones(index.at(a, i), a.zonesAt(i), "bar " + i);
        }
    }

    static void same(MtfAnalysis a, MtfAnalysis e, String ctx) {
        // the record's own equals compares the pattern arrays by reference; everything else by value
        assertThat(a.zones()).as(ctx + " zones").isEqualTo(e.zones());
        assertThat(a.recentHtfPatterns()).as(ctx).isEqualTo(e.recentHtfPatterns());
        assertThat(a.recentTradingPatterns()).as(ctx).isEqualTo(e.recentTradingPatterns());
        assertThat(a).usingRecursiveComparison().as(ctx).isEqualTo(e);
    }

    /** One timeframe's live analysis and the operations a warm series sees. */
    private static final class Live {
        IncrementalAnalyzer inc;

        Live(BarSeries initial) {
            inc = IncrementalAnalyzer.of(initial, DrummondParams.defaults());
        }

        BarSeries s() {
            return inc.series();
        }

        void append(SplittableRandom r) {
            int n = s().size();
            double[] b = RandomBars.next(r, s().close()[n - 1]);
            inc.append(s().ts()[n - 1] + s().timeframe().seconds(), b[0], b[1], b[2], b[3], b[4]);
        }

        void replaceLast(SplittableRandom r) {
            int n = s().size();
            double[] b = RandomBars.next(r, s().open()[n - 1]);
            inc.replaceLast(s().ts()[n - 1], s().open()[n - 1], b[1], b[2], b[3], b[4]);
        }

        /** An older bar revised: the analysis is rebuilt from the corrected bars. */
        void correct(SplittableRandom r) {
            BarSeries old = s();
            int at = r.nextInt(old.size());
            BarSeries fixed = new BarSeries(old.symbol(), old.timeframe(), old.size());
            for (int i = 0; i < old.size(); i++) {
                double f = i == at ? 1 + (r.nextDouble() - 0.5) * 0.02 : 1;
                double o = old.open()[i];
                double c = old.close()[i];
                double hi = Math.max(old.high()[i] * f, Math.max(o, c));
                double lo = Math.min(old.low()[i] * f, Math.min(o, c));
                fixed.append(old.ts()[i], o, hi, lo, c, old.volume()[i]);
            }
            inc = IncrementalAnalyzer.of(fixed, DrummondParams.defaults());
        }

        /** The window moved forward: the analysis is rebuilt from the newest bars. */
        void shift(SplittableRandom r) {
            BarSeries old = s();
            int drop = Math.min(old.size() - 12, 1 + r.nextInt(10));
            if (drop <= 0) {
                append(r);
                return;
            }
            BarSeries tail = new BarSeries(old.symbol(), old.timeframe(), old.size());
            for (int i = drop; i < old.size(); i++) {
                tail.append(old.ts()[i], old.open()[i], old.high()[i], old.low()[i], old.close()[i], old.volume()[i]);
            }
            inc = IncrementalAnalyzer.of(tail, DrummondParams.defaults());
        }
    }
}
