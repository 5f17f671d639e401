package io.dgas.calc.drummond;

/**
 * Line ids in (price, id) order, the order zones are built in (drummond.md §5).
 *
 * <p>Design notes: a stable LSD radix sort on unsigned keys of the prices. Ids start ascending and every pass is
 * stable, so equal keys stay in id order. Projected prices lie on the 1e-9 grid (§5), so the first choice of key is
 * round(price × 1e9) minus the smallest: monotone in the price, and only as many bits as the prices span (about 37
 * for a price range of 100, four passes, where a double's bits needed five or six). Prices that are not on the grid
 * can share a key while they differ; a check of the result in one read finds that and the prices are sorted again on
 * an unsigned image of each double: +0.0 for −0.0 (they compare equal), then the sign bit set for non-negative
 * values and every bit flipped for negative ones, so unsigned order is numeric order. Either way the result is the
 * unique (price, id) order of {@link DrummondZones#sortByKey}'s comparator. A NaN price has no place in that order
 * (the comparator calls it equal to everything), so then the quicksort itself decides, as before. Only the top
 * digits below the highest bit any key sets are radix sorted, in passes of at most 11 bits (at most 2,048 counters
 * each, all counted in one read of the keys), and an insertion pass finishes ({@link #radix}). Below {@link #SMALL}
 * lines the quicksort is cheaper.
 */
final class LineSort {
    static final int SMALL = 256;
    private static final int BITS = 11;
    /** Bits sorted by radix passes before the insertion pass: two passes of {@value #BITS}. */
    private static final int TOP_BITS = 2 * BITS;
    /** Beyond this magnitude a price × 1e9 does not fit a long. */
    private static final double MAX_DECIMAL = 9e9;

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
        if (decimalKeys(price, from, keys)) {
            int[] sorted = radix(keys, ids);
            if (ordered(price, sorted)) {
                return sorted;
            }
            // two prices closer than 1e-9 got one key: sort by the doubles' bits instead, from the id order again
            for (int k = 0; k < count; k++) {
                ids[k] = from + k;
            }
        }
        for (int k = 0; k < count; k++) {
            long b = Double.doubleToRawLongBits(price[from + k] + 0.0);
            keys[k] = b ^ ((b >> 63) | Long.MIN_VALUE);
        }
        return radix(keys, ids);
    }

    /**
     * Keys of prices on the 1e-9 grid (drummond.md §5: projected prices are quantised to it): round(price × 1e9)
     * minus the smallest, so only the digits the prices span are sorted (a price range of 1,000 needs 40 bits, four
     * passes, instead of the up to 53 bits of a double's significand and exponent). False when a price is not
     * finite or too large for a long.
     */
    private static boolean decimalKeys(double[] price, int from, long[] keys) {
        int count = keys.length;
        long min = Long.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            double p = price[from + k];
            if (!(Math.abs(p) < MAX_DECIMAL)) {
                return false;
            }
            long m = (long) Math.rint(p * 1e9);
            keys[k] = m;
            min = Math.min(min, m);
        }
        for (int k = 0; k < count; k++) {
            keys[k] -= min;
        }
        return true;
    }

    /**
     * Whether {@code ids} are in (price, id) order: rounding to the grid is monotone, so keys put the prices in order
     * except where two distinct prices share a key, which this finds.
     */
    private static boolean ordered(double[] price, int[] ids) {
        for (int k = 1; k < ids.length; k++) {
            double a = price[ids[k - 1]];
            double b = price[ids[k]];
            if (!(a < b || a == b && ids[k - 1] < ids[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stable sort of {@code ids} by unsigned {@code keys} (both permuted): an LSD radix sort of the top digits (at most
     * {@value #TOP_BITS} bits below the highest bit any key sets, {@link #lsd}), then one insertion pass by the whole
     * key. Keys that share their top digits are rare (a 1e-9 grid spanning a price range of 100 leaves cells of some
     * 3e-5, and prices on a tick grid never share one), so the pass moves few entries, where sorting the low digits
     * too took two more passes over every key. Should it move more than {@code count / 8} entries (prices crowded
     * into a few cells), the low digits are radix sorted after all (the whole key, from the order reached: ties are
     * still in id order, since every step so far was stable).
     */
    private static int[] radix(long[] keys, int[] ids) {
        long any = 0;
        for (long key : keys) {
            any |= key;
        }
        int significant = 64 - Long.numberOfLeadingZeros(any);
        int low = Math.max(0, significant - TOP_BITS);
        Sorted top = lsd(keys, ids, low, significant);
        if (low == 0 || finish(top.keys, top.ids, keys.length / 8)) {
            return top.ids;
        }
        return lsd(top.keys, top.ids, 0, significant).ids;
    }

    /** Keys and ids after {@link #lsd}, in whichever of its two buffers the last pass wrote. */
    private record Sorted(long[] keys, int[] ids) {}

    /**
     * Stable LSD radix sort of {@code ids} by bits {@code [from, to)} of the unsigned {@code keys} (both permuted),
     * each pass's digit as wide as needed for that many passes of at most {@value #BITS} bits; a pass whose digit is
     * the same for every key is skipped.
     */
    private static Sorted lsd(long[] keys, int[] ids, int from, int to) {
        int count = keys.length;
        int passes = (to - from + BITS - 1) / BITS;
        if (passes == 0) {
            return new Sorted(keys, ids);
        }
        int bits = (to - from + passes - 1) / passes;
        int radix = 1 << bits;
        long mask = radix - 1;
        int[] counts = new int[passes * radix];
        for (int k = 0; k < count; k++) {
            long key = keys[k] >>> from;
            for (int pass = 0; pass < passes; pass++) {
                counts[pass * radix + (int) ((key >>> (pass * bits)) & mask)]++;
            }
        }
        long[] keys2 = new long[count];
        int[] ids2 = new int[count];
        for (int pass = 0; pass < passes; pass++) {
            int base = pass * radix;
            int shift = from + pass * bits;
            if (counts[base + (int) ((keys[0] >>> shift) & mask)] == count) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < radix; d++) {
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
            }
            for (int k = 0; k < count; k++) {
                long key = keys[k];
                int at = counts[base + (int) ((key >>> shift) & mask)]++;
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
        return new Sorted(keys, ids);
    }

    /**
     * Stable insertion sort by unsigned key, giving up once more than {@code budget} entries have moved (the arrays
     * are then partly sorted, equal keys still in their former order); true when sorted.
     */
    private static boolean finish(long[] keys, int[] ids, int budget) {
        int moved = 0;
        for (int k = 1; k < keys.length; k++) {
            long key = keys[k];
            // unsigned order as signed order of the keys with their top bit flipped
            long flipped = key ^ Long.MIN_VALUE;
            if ((keys[k - 1] ^ Long.MIN_VALUE) <= flipped) {
                continue;
            }
            if (++moved > budget) {
                return false;
            }
            int id = ids[k];
            int j = k - 1;
            while (j >= 0 && (keys[j] ^ Long.MIN_VALUE) > flipped) {
                keys[j + 1] = keys[j];
                ids[j + 1] = ids[j];
                j--;
            }
            keys[j + 1] = key;
            ids[j + 1] = id;
        }
        return true;
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
