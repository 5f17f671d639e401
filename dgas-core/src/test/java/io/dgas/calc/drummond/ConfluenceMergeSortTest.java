package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The confluence candidates' run-merging sort gives the (price, entry) order of the reference quicksort, and
 * {@link ConfluenceZones#build} (runs merged on the fly while clustering) gives the zones of a plain sort of every
 * candidate.
 */
class ConfluenceMergeSortTest {

    @Test
    void mergeRuns_randomRunsTiesAndNoise_equalsReferenceSort() {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 2000; trial++) {
            int n = r.nextInt(300);
            double[] keys = new double[n];
            int[] idx = new int[n];
            double level = 100;
            for (int k = 0; k < n; k++) {
                // ascending stretches (zones), restarts (another timeframe's run), noise (envelope rows), ties
                int shape = r.nextInt(10);
                level = shape == 0 ? 90 + r.nextInt(20) : shape == 1 ? level : level + r.nextDouble();
                keys[k] = shape == 2 ? Math.rint(level) : shape == 3 ? -0.0 * level : level;
                idx[k] = k;
            }
            int from = n == 0 ? 0 : r.nextInt(n);
            double[] expectedKeys = keys.clone();
            int[] expectedIdx = idx.clone();
            if (n - from > 1) {
                DrummondZones.sortByKey(expectedKeys, expectedIdx, from, n - 1);
            }
            ConfluenceZones.mergeRuns(keys, idx, from, n, new double[n], new int[n], new int[n + 1]);
            assertThat(idx).as("trial " + trial).isEqualTo(expectedIdx);
            assertThat(Arrays.equals(keys, expectedKeys)).as("trial " + trial).isTrue();
        }
    }

    @Test
    void build_randomEnvelopesZonesTiesAndExtraRuns_equalsSortOfEveryCandidate() {
        SplittableRandom r = new SplittableRandom(7);
        ConfluenceZones cz = new ConfluenceZones(0.0, 16);
        int withZones = 0;
        for (int trial = 0; trial < 3000; trial++) {
            double pct = r.nextInt(3) * 0.004;
            cz.reset(pct);
            java.util.List<double[]> added = new java.util.ArrayList<>(); // {type, timeframe, price, weight, vol}
            int sources = 1 + r.nextInt(6);
            for (int src = 0; src < sources; src++) {
                int timeframe = src % 2;
                double w = 1 + timeframe * 0.5;
                if (r.nextBoolean()) {
                    int rows = r.nextInt(25);
                    double[] up = new double[rows];
                    double[] lo = new double[rows];
                    double[] mid = new double[rows];
                    double[] width = new double[rows];
                    double level = 100 + r.nextInt(5);
                    for (int i = 0; i < rows; i++) {
                        level += r.nextInt(4) == 0 ? 0 : (r.nextDouble() - 0.5) * 2;
                        mid[i] = r.nextInt(12) == 0 ? Double.NaN : Math.rint(level * 4) / 4;
                        width[i] = r.nextInt(8) == 0 ? 0 : r.nextDouble() * 3;
                        up[i] = mid[i] + width[i] / 2;
                        lo[i] = mid[i] - width[i] / 2;
                    }
                    int from = rows == 0 ? 0 : r.nextInt(rows) - 3;
                    cz.addEnvelope(timeframe, w, up, lo, mid, width, from, rows - 1);
                    for (int i = Math.max(from, 0); i < rows; i++) {
                        if (!Double.isNaN(mid[i])) {
                            double vol = width[i] > 0 ? width[i] : 0.01;
                            added.add(new double[] {ConfluenceZone.RESISTANCE, timeframe, up[i], w, vol});
                            added.add(new double[] {ConfluenceZone.SUPPORT, timeframe, lo[i], w, vol});
                            added.add(new double[] {ConfluenceZone.PIVOT, timeframe, mid[i], w * 0.5, vol});
                        }
                    }
                } else {
                    // zones in ascending order (a ZoneSet), or now and then in any order (more runs than merged)
                    boolean ordered = r.nextInt(5) > 0;
                    double c = 95 + r.nextInt(5);
                    for (int z = r.nextInt(40); z > 0; z--) {
                        c = ordered ? c + (r.nextInt(3) == 0 ? 0 : r.nextDouble()) : 95 + r.nextInt(20) * 0.5;
                        double half = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.5;
                        int type = r.nextInt(2);
                        int strength = 1 + r.nextInt(5);
                        cz.addZone(timeframe, w, c, c - half, c + half, type, strength);
                        int t = type == DrummondLines.RESISTANCE ? ConfluenceZone.RESISTANCE : ConfluenceZone.SUPPORT;
                        added.add(new double[] {
                            t, timeframe, c, w * (Math.min(strength, 3) / 2.0), (c + half) - (c - half)
                        });
                    }
                }
            }
            java.util.List<ConfluenceZone> expected = reference(added, pct);
            assertThat(cz.build()).as("trial " + trial).isEqualTo(expected);
            withZones += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withZones).as("zones must occur to mean anything").isGreaterThan(1000);
    }

    /** §6 clustering over every candidate sorted by (price, entry) with a boxed comparison sort per type. */
    private static java.util.List<ConfluenceZone> reference(java.util.List<double[]> added, double pct) {
        java.util.List<ConfluenceZone> zones = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            java.util.List<Integer> entries = new java.util.ArrayList<>();
            for (int e = 0; e < added.size(); e++) {
                if (added.get(e)[0] == t) {
                    entries.add(e);
                }
            }
            entries.sort(java.util.Comparator.<Integer>comparingDouble(e -> added.get(e)[2])
                    .thenComparingInt(e -> e));
            int i = 0;
            while (i < entries.size()) {
                double[] seed = added.get(entries.get(i));
                double vol = seed[4] > 0 ? seed[4] : 0.01;
                double seedTol = Math.max(Math.max(Math.abs(seed[2]) * pct, 0.5 * vol), 0.0001);
                int j = i;
                int mask = 0;
                double sumP = 0;
                double sumW = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                while (j < entries.size() && added.get(entries.get(j))[2] - seed[2] <= seedTol) {
                    double[] c = added.get(entries.get(j));
                    mask |= 1 << (int) c[1];
                    sumP += c[2];
                    sumW += c[3];
                    lo = Math.min(lo, c[2]);
                    hi = Math.max(hi, c[2]);
                    j++;
                }
                if (Integer.bitCount(mask) >= 2) {
                    zones.add(new ConfluenceZone(t, sumP / (j - i), lo, hi, Integer.bitCount(mask), sumW));
                }
                i = j;
            }
        }
        zones.sort(java.util.Comparator.comparingInt(ConfluenceZone::strength)
                .thenComparingDouble(ConfluenceZone::weightedStrength)
                .reversed());
        return zones;
    }
}
