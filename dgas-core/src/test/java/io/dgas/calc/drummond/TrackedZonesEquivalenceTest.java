package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The termination search cut at twice the widest zone ({@link ZoneWidthBound}, kept as lines enter and leave) and
 * the same search cut by its span bound alone, against the brute force
 * of {@link TerminationSearchTest} over many random series: lengths, price levels (near 1, 100, 10,000), trend or
 * congestion shapes, look-back windows (unlimited, tiny, default) and minimum zone strengths vary by seed; an
 * incremental run with forming-bar replacements must give the batch run's events too.
 */
class TrackedZonesEquivalenceTest {
    private static final int SERIES = 240;

    @Test
    void trackedSearch_manyRandomSeries_equalsBruteForce() {
        SplittableRandom r = new SplittableRandom(2026);
        int events = 0;
        for (int k = 0; k < SERIES; k++) {
            long seed = r.nextLong();
            int n = 30 + r.nextInt(370);
            double scale = new double[] {1, 100, 10_000}[r.nextInt(3)];
            int lookback = new int[] {0, 3, 17, 100}[r.nextInt(4)];
            int minStrength = 2 + r.nextInt(2);
            DrummondParams params = params(lookback, minStrength);
            BarSeries s = series(seed, n, scale, r.nextInt(3));
            DrummondAnalysis a = DrummondAnalyzer.analyze(s, params);
            List<String> actual = termination(a.patterns());
            String ctx = "series " + k + " seed " + seed + " n " + n + " scale " + scale + " look-back " + lookback
                    + " strength " + minStrength;
            assertThat(actual).as(ctx).isEqualTo(TerminationSearchTest.bruteForce(a));
            DrummondEngine spanBound = new DrummondEngine(s.head(s.size()), params, false);
            spanBound.advance();
            assertThat(termination(spanBound.events)).as(ctx + " span bound").isEqualTo(actual);
            events += actual.size();
        }
        assertThat(events).as("events over all series").isGreaterThan(SERIES * 20);
    }

    @Test
    void trackedSearch_incrementalWithFormingBars_equalsBatch() {
        SplittableRandom r = new SplittableRandom(77);
        for (int k = 0; k < 40; k++) {
            long seed = r.nextLong();
            DrummondParams params = params(new int[] {0, 5, 100}[k % 3], 2);
            BarSeries target = series(seed, 150 + r.nextInt(100), 100, k % 3);
            IncrementalAnalyzer inc = new IncrementalAnalyzer(target.symbol(), target.timeframe(), params);
            SplittableRandom f = new SplittableRandom(seed);
            for (int i = 0; i < target.size(); i++) {
                double c = target.close()[i];
                long ts = target.ts()[i];
                // a few forming versions of the bar first, then the final one replaces them
                int versions = f.nextInt(3);
                for (int v = 0; v < versions; v++) {
                    double x = c + f.nextGaussian() * 0.5;
                    double h = Math.max(x, c) + Math.abs(f.nextGaussian()) * 0.3;
                    double l = Math.min(x, c) - Math.abs(f.nextGaussian()) * 0.3;
                    if (v == 0) {
                        inc.append(ts, c, h, l, x, 10);
                    } else {
                        inc.replaceLast(ts, c, h, l, x, 10);
                    }
                }
                if (versions == 0) {
                    inc.append(ts, target.open()[i], target.high()[i], target.low()[i], c, target.volume()[i]);
                } else {
                    inc.replaceLast(ts, target.open()[i], target.high()[i], target.low()[i], c, target.volume()[i]);
                }
            }
            DrummondAnalysis batch = DrummondAnalyzer.analyze(target, params);
            assertThat(termination(inc.analysis().patterns()))
                    .as("series " + k)
                    .isEqualTo(termination(batch.patterns()))
                    .isEqualTo(TerminationSearchTest.bruteForce(batch));
        }
    }

    /** The termination events of {@code e}, one line each. */
    static List<String> termination(PatternEvents e) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < e.size(); k++) {
            if (e.type(k) == PatternType.TERMINATION_APPROACH || e.type(k) == PatternType.TERMINATION_TOUCH) {
                out.add(e.type(k) + " " + e.direction(k) + " " + e.end(k) + " " + e.strength(k));
            }
        }
        return out;
    }

    private static DrummondParams params(int lookback, int minStrength) {
        PatternParams d = PatternParams.defaults().withTerminationLookbackBars(lookback);
        return TerminationEquivalenceTest.withPatterns(
                TerminationEquivalenceTest.with(d, d.terminationApproachPct(), d.terminationTouchPct(), minStrength));
    }

    /** A random walk (shape 0), a trend (1) or a congestion (2), scaled to {@code scale}. */
    private static BarSeries series(long seed, int n, double scale, int shape) {
        BarSeries raw = switch (shape) {
            case 1 -> RandomBars.shaped(seed, n, Timeframe.H1, 0.1, 0);
            case 2 -> RandomBars.shaped(seed, n, Timeframe.H1, 0, 0.3);
            default -> RandomBars.series(seed, n, Timeframe.H1);
        };
        BarSeries s = new BarSeries("T" + seed, Timeframe.H1, n);
        double f = scale / 100;
        for (int i = 0; i < n; i++) {
            s.append(
                    raw.ts()[i],
                    raw.open()[i] * f,
                    raw.high()[i] * f,
                    raw.low()[i] * f,
                    raw.close()[i] * f,
                    raw.volume()[i]);
        }
        return s;
    }
}
