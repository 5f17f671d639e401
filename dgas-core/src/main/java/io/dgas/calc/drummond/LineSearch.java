package io.dgas.calc.drummond;

/**
 * The binary searches of {@link SortedLines} over its ordered long keys ({@link SortedLines#key}) and ids.
 *
 * <p>Design notes: the keyed searches halve with one long compare feeding a conditional move (Khuong and Morin's
 * branch-free lower bound), several independent searches interleaved in one loop so that their dependent probe
 * chains overlap in the pipeline; equal keys are then stepped over in id order. They require that no NaN price is
 * indexed or sought: NaN has no place in the order, so then only the classic double-compare searches' own probe
 * sequence defines where a NaN goes, as it always has.
 */
final class LineSearch {
    private LineSearch() {}

    /** Position of the first of the first {@code size} entries not less than (p, id); no NaN indexed or sought. */
    static int lowerBound(long[] keys, int[] order, int size, double p, int id) {
        long kp = SortedLines.key(p);
        int n = size;
        if (n == 0) {
            return 0;
        }
        int base = 0;
        while (n > 1) {
            int half = n >>> 1;
            base = keys[base + half] < kp ? base + half : base;
            n -= half;
        }
        return pastEqual(keys, order, size, base + (keys[base] < kp ? 1 : 0), kp, id);
    }

    /** {@link #lowerBound} of four entries at once into {@code out[0..3]} (size &gt; 0). */
    static void lowerBounds(
            long[] keys,
            int[] order,
            int size,
            double pa,
            int ida,
            double pb,
            int idb,
            double pc,
            int idc,
            double pd,
            int idd,
            int[] out) {
        firstAtLeast(
                keys, size, SortedLines.key(pa), SortedLines.key(pb), SortedLines.key(pc), SortedLines.key(pd), out);
        out[0] = pastEqual(keys, order, size, out[0], SortedLines.key(pa), ida);
        out[1] = pastEqual(keys, order, size, out[1], SortedLines.key(pb), idb);
        out[2] = pastEqual(keys, order, size, out[2], SortedLines.key(pc), idc);
        out[3] = pastEqual(keys, order, size, out[3], SortedLines.key(pd), idd);
    }

    /** The first position of key ≥ each of four keys into {@code out[0..3]}, in one interleaved search (size &gt; 0). */
    private static void firstAtLeast(long[] keys, int size, long ka, long kb, long kc, long kd, int[] out) {
        int n = size;
        int a = 0;
        int b = 0;
        int c = 0;
        int d = 0;
        while (n > 1) {
            int half = n >>> 1;
            a = keys[a + half] < ka ? a + half : a;
            b = keys[b + half] < kb ? b + half : b;
            c = keys[c + half] < kc ? c + half : c;
            d = keys[d + half] < kd ? d + half : d;
            n -= half;
        }
        out[0] = a + (keys[a] < ka ? 1 : 0);
        out[1] = b + (keys[b] < kb ? 1 : 0);
        out[2] = c + (keys[c] < kc ? 1 : 0);
        out[3] = d + (keys[d] < kd ? 1 : 0);
    }

    /** From the first position of key ≥ k, past the entries of key k with a smaller id. */
    private static int pastEqual(long[] keys, int[] order, int size, int pos, long k, int id) {
        while (pos < size && keys[pos] == k && order[pos] < id) {
            pos++;
        }
        return pos;
    }

    /** The (price, id) binary search with double compares, whose probes alone place NaN prices. */
    static int classicLowerBound(long[] keys, int[] order, int size, double p, int id) {
        int lo = 0;
        int len = size;
        while (len > 0) {
            int half = len >>> 1;
            int mid = lo + half;
            double m = SortedLines.price(keys[mid]);
            if (m < p || (m == p && order[mid] < id)) {
                lo = mid + 1;
                len = len - half - 1;
            } else {
                len = half;
            }
        }
        return lo;
    }

    /** Last of the first {@code size} positions whose price is ≤ p, or -1; p not NaN, no NaN indexed. */
    static int floor(long[] keys, int size, double p) {
        long kp = SortedLines.key(p);
        int n = size;
        if (n == 0) {
            return -1;
        }
        int base = 0;
        while (n > 1) {
            int half = n >>> 1;
            base = keys[base + half] <= kp ? base + half : base;
            n -= half;
        }
        return base + (keys[base] <= kp ? 1 : 0) - 1;
    }

    /**
     * {@link #floor} + 1 of four prices into {@code out[0..3]}, in one interleaved search (size &gt; 0): the first key
     * ≥ key + 1, i.e. &gt; key (no key of a non-NaN price is the largest long, which is NaN's).
     */
    static void floors(long[] keys, int size, double pa, double pb, double pc, double pd, int[] out) {
        firstAtLeast(
                keys,
                size,
                SortedLines.key(pa) + 1,
                SortedLines.key(pb) + 1,
                SortedLines.key(pc) + 1,
                SortedLines.key(pd) + 1,
                out);
    }

    /** The floor search with double compares (a NaN indexed or sought). */
    static int classicFloor(long[] keys, int size, double p) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (SortedLines.price(keys[mid]) <= p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
