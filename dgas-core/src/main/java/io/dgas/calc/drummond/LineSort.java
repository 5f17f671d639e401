package io.dgas.calc.drummond;

/**
 * Line ids in (price, id) order, the order zones are built in (drummond.md §5).
 *
 * <p>Design notes: a stable LSD radix sort on an unsigned image of each price: +0.0 for −0.0 (they compare equal),
 * then the sign bit set for non-negative values and every bit flipped for negative ones, so unsigned order is numeric
 * order. Ids start ascending and every pass is stable, so equal prices stay in id order: the result is the unique
 * (price, id) order of {@link DrummondZones#sortByKey}'s comparator. A NaN price has no place in that order (the
 * comparator calls it equal to everything), so then the quicksort itself decides, as before. Digits are 11 bits
 * (six passes over 64 bits, 2,048 counters each, all counted in one read of the keys); a pass whose digit is the same
 * for every key is skipped, which drops the sign/exponent pass for prices within one binade. Below {@link #SMALL}
 * lines the quicksort is cheaper.
 */
final class LineSort {
    static final int SMALL = 256;
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private LineSort() {}

    /** Ids {@code [0, count)} sorted by ({@code price[id]}, id). */
    static int[] sortedIds(double[] price, int count) {
        return sortedIds(price, 0, count);
    }

    /** Ids {@code [from, to)} sorted by ({@code price[id]}, id). */
    static int[] sortedIds(double[] price, int from, int to) {
        int count = to - from;
        int[] ids = new int[count];
        for (int k = 0; k < count; k++) {
            ids[k] = from + k;
        }
        if (count < SMALL || hasNaN(price, from, to)) {
            double[] keys = new double[count];
            System.arraycopy(price, from, keys, 0, count);
            // (price, id) is a total order without NaN, so the unstable quicksort gives the reference's stable order
            DrummondZones.sortByKey(keys, ids, 0, count - 1);
            return ids;
        }
        long[] keys = new long[count];
        int[] counts = new int[PASSES * RADIX];
        for (int k = 0; k < count; k++) {
            long b = Double.doubleToRawLongBits(price[from + k] + 0.0);
            long key = b ^ ((b >> 63) | Long.MIN_VALUE);
            keys[k] = key;
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass * RADIX + (int) ((key >>> (pass * BITS)) & (RADIX - 1))]++;
            }
        }
        long[] keys2 = new long[count];
        int[] ids2 = new int[count];
        for (int pass = 0; pass < PASSES; pass++) {
            int base = pass * RADIX;
            int shift = pass * BITS;
            if (counts[base + (int) ((keys[0] >>> shift) & (RADIX - 1))] == count) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
            }
            for (int k = 0; k < count; k++) {
                long key = keys[k];
                int at = counts[base + (int) ((key >>> shift) & (RADIX - 1))]++;
                keys2[at] = key;
                ids2[at] = ids[k];
            }
            long[] tk = keys;
            keys = keys2;
            keys2 = tk;
            int[] ti = ids;
            ids = ids2;
            ids2 = ti;
        }
        return ids;
    }

    private static boolean hasNaN(double[] price, int from, int to) {
        for (int k = from; k < to; k++) {
            if (price[k] != price[k]) {
                return true;
            }
        }
        return false;
    }
}
