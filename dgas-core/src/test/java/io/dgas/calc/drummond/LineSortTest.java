package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The radix sort of line ids against the quicksort it replaced, on data full of ties and signed zeros. */
class LineSortTest {

    /** The previous implementation: quicksort of (price, id). */
    private static int[] quicksorted(double[] price, int count) {
        int[] ids = new int[count];
        double[] keys = new double[count];
        for (int k = 0; k < count; k++) {
            ids[k] = k;
            keys[k] = price[k];
        }
        DrummondZones.sortByKey(keys, ids, 0, count - 1);
        return ids;
    }

    private static double[] prices(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] few = {-0.0, 0.0, 1.0, -1.0, 100.0, 100.5, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300};
        double[] p = new double[count];
        for (int k = 0; k < count; k++) {
            switch (r.nextInt(6)) {
                case 0 -> p[k] = few[r.nextInt(few.length)];
                case 1 -> p[k] = Math.round(r.nextDouble() * 20) / 4.0 - 2.5; // many exact ties around zero
                case 2 -> p[k] = r.nextInt(50) == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 3 -> p[k] = 100 + r.nextGaussian();
                case 4 -> p[k] = -r.nextDouble() * 1e-3;
                default -> p[k] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10);
            }
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 255, 256, 257, 1000, 20_000})
    void sortedIds_mixedPricesWithTiesAndSignedZeros_equalsQuicksort(int count) {
        for (long seed = 1; seed <= 5; seed++) {
            double[] p = prices(seed * 31 + count, count);
            assertThat(LineSort.sortedIds(p, count)).as("seed %d", seed).isEqualTo(quicksorted(p, count));
        }
    }

    @Test
    void sortedIds_pricesWithinOneBinade_equalsQuicksort() {
        SplittableRandom r = new SplittableRandom(7);
        double[] p = new double[5000];
        for (int k = 0; k < p.length; k++) {
            p[k] = 64 + Math.floor(r.nextDouble() * 640) / 10; // [64, 128): the top digits never vary
        }
        assertThat(LineSort.sortedIds(p, p.length)).isEqualTo(quicksorted(p, p.length));
    }

    @Test
    void sortedIds_pricesOnTheDecimalGrid_equalsQuicksort() {
        SplittableRandom r = new SplittableRandom(11);
        double[] p = new double[20_000];
        for (int k = 0; k < p.length; k++) {
            // projected prices as the engine makes them: quantised to 1e-9, across several binades, with ties
            p[k] = DrummondLines.quantise(r.nextInt(3) == 0 ? 100 + r.nextInt(50) * 0.25 : 50 + 150 * r.nextDouble());
        }
        assertThat(LineSort.sortedIds(p, p.length)).isEqualTo(quicksorted(p, p.length));
        assertThat(LineSort.sortedIds(p, 5000, 15_000)).isEqualTo(quicksortedRange(p, 5000, 15_000));
    }

    @Test
    void sortedIds_pricesCrowdedIntoOneTopDigit_equalsQuicksort() {
        SplittableRandom r = new SplittableRandom(17);
        double[] p = new double[6000];
        for (int k = 0; k < p.length; k++) {
            // two far prices widen the key range, the rest share its top digits: the insertion pass gives up and
            // the low digits are radix sorted too; some sit in a second cell where the pass alone finishes
            p[k] = switch (k % 500) {
                case 0 -> 0.0;
                case 1 -> 1000.0;
                case 2, 3, 4 -> DrummondLines.quantise(700 + r.nextDouble() * 1e-4);
                default -> DrummondLines.quantise(500 + r.nextInt(100_000) * 1e-9);
            };
        }
        assertThat(LineSort.sortedIds(p, p.length)).isEqualTo(quicksorted(p, p.length));
    }

    @Test
    void sortedIds_distinctPricesCloserThanTheGrid_equalsQuicksort() {
        SplittableRandom r = new SplittableRandom(13);
        double[] p = new double[3000];
        for (int k = 0; k < p.length; k++) {
            // later ids a few 1e-12 lower: one key on the 1e-9 grid, so only the check puts them in order
            p[k] = 100 + r.nextInt(10) * 0.5 - (k % 7) * 1e-12;
        }
        assertThat(LineSort.sortedIds(p, p.length)).isEqualTo(quicksorted(p, p.length));
        assertThat(LineSort.sortedIds(p, 1000, 2500)).isEqualTo(quicksortedRange(p, 1000, 2500));
    }

    /** {@link #quicksorted} of the ids {@code [from, to)}. */
    private static int[] quicksortedRange(double[] price, int from, int to) {
        int[] ids = quicksorted(java.util.Arrays.copyOfRange(price, from, to), to - from);
        for (int k = 0; k < ids.length; k++) {
            ids[k] += from;
        }
        return ids;
    }

    @Test
    void sortedIds_onlySignedZeros_keepsIdOrder() {
        double[] p = new double[600];
        for (int k = 0; k < p.length; k++) {
            p[k] = k % 3 == 0 ? -0.0 : 0.0;
        }
        int[] ids = LineSort.sortedIds(p, p.length);
        assertThat(ids).isSorted().isEqualTo(quicksorted(p, p.length));
    }

    @Test
    void sortedIds_withNaN_sameOrderAsQuicksort() {
        double[] p = prices(9, 3000);
        p[17] = Double.NaN;
        p[2500] = Double.NaN;
        assertThat(LineSort.sortedIds(p, p.length)).isEqualTo(quicksorted(p, p.length));
    }

    @Test
    void sortedIds_prefixOfLongerArray_sortsOnlyThePrefix() {
        double[] p = prices(11, 2000);
        assertThat(LineSort.sortedIds(p, 1500)).isEqualTo(quicksorted(p, 1500));
    }
}
