package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The indexed multi-timeframe path ({@link ZoneIndex} per timeframe, kept across calls) equals the reference path
 * (each window's lines sorted at every call by {@link DrummondAnalysis#zonesAt(int, int)}) over random bar sequences
 * of both timeframes: appends, forming-bar replacements of the last bar, corrections of an older bar (the analysis
 * rebuilt from the corrected bars while the index is kept) and a window moved forward (the analysis rebuilt from the
 * newest bars, as {@code WarmSeries} compacts); for zone windows of every line (0), shorter than the series (the
 * index slides) and longer than it; and with the higher timeframe's candidates kept across steps
 * ({@link HtfCandidates}).
 */
class ZoneIndexEquivalenceTest {
    /** Zone windows ({@link MtfParams#zoneLookbackBars()}): every line, shorter than every series, the default, longer. */
    private static final int[] WINDOWS = {0, 1, 7, 100, 1000};

    @Test
    void analyze_randomAppendsReplacementsCorrectionsAndShifts_equalsReferencePath() {
        int compared = 0;
        int withZones = 0;
        int slid = 0;
        int[] ops = new int[4];
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom r = new SplittableRandom(seed * 7919);
            Live t = new Live(RandomBars.series(seed, 40 + r.nextInt(120), Timeframe.H1));
            Live h = new Live(RandomBars.series(seed + 100, 20 + r.nextInt(60), Timeframe.H4));
            ZoneIndex[] tz = new ZoneIndex[WINDOWS.length];
            ZoneIndex[] hz = new ZoneIndex[WINDOWS.length];
            HtfCandidates[] hc = new HtfCandidates[WINDOWS.length];
            for (int w = 0; w < WINDOWS.length; w++) {
                tz[w] = new ZoneIndex();
                hz[w] = new ZoneIndex();
                hc[w] = new HtfCandidates();
            }
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
                int j = ha.size() - 1;
                for (int w = 0; w < WINDOWS.length; w++) {
                    int n = WINDOWS[w];
                    String ctx = "seed " + seed + " step " + step + " window " + n;
                    Same.zones(tz[w].at(ta, k, n), ta.zonesAt(k, n), ctx + " trading");
                    Same.zones(hz[w].at(ha, j, n), ha.zonesAt(j, n), ctx + " htf");
                    MtfParams mp = MtfParams.defaults().withZoneLookbackBars(n);
                    MtfAnalysis expected = MultiTimeframe.tryAnalyze(ha, ta, k, mp, null, null);
                    MtfAnalysis actual = MultiTimeframe.tryAnalyze(ha, ta, k, mp, hz[w], tz[w]);
                    // the higher timeframe's candidates kept across steps (a replay's), with the same indexes
                    MtfAnalysis kept = MultiTimeframe.tryAnalyze(ha, ta, k, mp, hz[w], tz[w], hc[w], null);
                    if (expected == null) {
                        assertThat(actual).isNull();
                        assertThat(kept).isNull();
                        continue;
                    }
                    same(actual, expected, ctx);
                    same(kept, expected, ctx + " kept");
                    compared++;
                    withZones += expected.zones().isEmpty() ? 0 : 1;
                    slid += DrummondLines.firstInWindow(k, n) > 0 ? 1 : 0;
                }
            }
        }
        assertThat(java.util.Arrays.stream(ops).min().getAsInt())
                .as("every operation occurs")
                .isGreaterThan(50);
        assertThat(compared).isGreaterThan(2000 * WINDOWS.length);
        assertThat(withZones).as("confluence zones must occur to mean anything").isGreaterThan(1000 * WINDOWS.length);
        assertThat(slid).as("windows shorter than the series must occur").isGreaterThan(4000);
    }

    @Test
    void at_lowerBarThenHigherAgain_equalsZonesAt() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(RandomBars.series(5, 300, Timeframe.H1));
        for (int n : WINDOWS) {
            ZoneIndex index = new ZoneIndex();
            for (int i : new int[] {299, 150, 151, 299, 2, 0, 298}) {
                Same.zones(index.at(a, i, n), a.zonesAt(i, n), "bar " + i + " window " + n);
            }
        }
    }

    @Test
    void at_everyBarOneIndexAlternatingWindows_equalsZonesAt() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(RandomBars.series(9, 400, Timeframe.H1));
        int[] windows = {20, 20, 20, 0, 20, 50, 3, 100};
        ZoneIndex index = new ZoneIndex();
        for (int i = 0; i < a.size(); i++) {
            int n = windows[(i / 7) % windows.length];
            Same.zones(index.at(a, i, n), a.zonesAt(i, n), "bar " + i + " window " + n);
        }
    }

    @Test
    void zonesAt_window_equalsZonesOfTheLinesEndingInTheLastBarsOnly() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(RandomBars.series(13, 260, Timeframe.H1));
        DrummondLines lines = a.lines();
        for (int n : new int[] {1, 2, 30, 100, 259, 260, 5000}) {
            for (int i : new int[] {0, 1, 2, 29, 30, 31, 150, 259}) {
                // brute force: keep only the lines whose end bar lies in (i − n, i], by their own end bar
                double[] price = new double[DrummondLines.countEndingBy(i)];
                java.util.Arrays.fill(price, Double.NaN);
                int kept = 0;
                for (int id = 0; id < price.length; id++) {
                    int end = DrummondLines.endBar(id);
                    if (end > i - n && end <= i) {
                        price[id] = lines.projectedPrice(id);
                        kept++;
                    }
                }
                ZoneSet expected = bruteZones(price, a.tolerance(i));
                ZoneSet actual = a.zonesAt(i, n);
                String ctx = "bar " + i + " window " + n;
                assertThat(java.util.Arrays.stream(actual.strength()).sum())
                        .as(ctx)
                        .isEqualTo(kept);
                assertThat(kept).as(ctx).isEqualTo(2 * Math.min(n, i));
                assertThat(actual.center()).as(ctx).isEqualTo(expected.center());
                assertThat(actual.lower()).as(ctx).isEqualTo(expected.lower());
                assertThat(actual.upper()).as(ctx).isEqualTo(expected.upper());
                assertThat(actual.type()).as(ctx).isEqualTo(expected.type());
                assertThat(actual.strength()).as(ctx).isEqualTo(expected.strength());
            }
        }
    }

    /** §5 zones of the non-NaN prices, by a boxed comparison sort of (price, id) and the chaining rule. */
    private static ZoneSet bruteZones(double[] price, double tolerance) {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (int id = 0; id < price.length; id++) {
            if (!Double.isNaN(price[id])) {
                ids.add(id);
            }
        }
        ids.sort(java.util.Comparator.<Integer>comparingDouble(id -> price[id]).thenComparingInt(id -> id));
        java.util.List<double[]> zones = new java.util.ArrayList<>();
        int prev = -1;
        for (int id : ids) {
            double[] z = zones.isEmpty() ? null : zones.get(zones.size() - 1);
            if (z != null && (prev & 1) == (id & 1) && Math.abs(price[id] - price[prev]) <= tolerance) {
                z[1] = price[id];
                z[3]++;
            } else {
                zones.add(new double[] {price[id], price[id], id & 1, 1});
            }
            prev = id;
        }
        int m = zones.size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] centre = new double[m];
        int[] type = new int[m];
        int[] strength = new int[m];
        for (int k = 0; k < m; k++) {
            double[] z = zones.get(k);
            lo[k] = z[0];
            hi[k] = z[1];
            centre[k] = (z[0] + z[1]) / 2.0;
            type[k] = (int) z[2];
            strength[k] = (int) z[3];
        }
        return new ZoneSet(centre, lo, hi, type, strength, tolerance, 0, 0);
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
