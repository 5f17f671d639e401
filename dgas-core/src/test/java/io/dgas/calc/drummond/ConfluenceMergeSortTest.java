package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The confluence candidates' run-merging sort gives the (price, entry) order of the reference quicksort. */
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
}
