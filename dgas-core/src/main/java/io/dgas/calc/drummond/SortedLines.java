package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Line ids kept sorted by (projected price, id) in plain arrays: neighbours are adjacent positions, so walking zones
 * costs sequential reads. Insert and remove shift the tail (memmove of the entries after the position); with the
 * termination look-back window the arrays hold at most 2 × window lines, so that stays a few hundred bytes.
 *
 * <p>Design notes: besides ids and prices, {@link #link} keeps for each position the gap to the next line when both
 * have the same type and NaN otherwise, so "chained at tolerance t" (drummond.md §5) is the single compare
 * {@code link[k] <= t} — NaN compares false, exactly like the type test, also for NaN or infinite prices. It is
 * updated at the one or two positions an insert or remove changes. Binary searches read the ordered price copy, not
 * the caller's array, so they touch no memory out of order. Prices are read from the caller's array indexed by line
 * id only when a line enters or leaves.
 */
final class SortedLines {
    /** Line ids in (price, id) order; read directly by hot loops (valid for the first {@link #size()} entries). */
    int[] order = new int[64];
    /** Prices of {@link #order}'s lines, in the same order. */
    double[] sorted = new double[64];
    /**
     * {@code link[k]} = sorted[k + 1] − sorted[k] when the lines at k and k + 1 have the same type, NaN otherwise (and
     * for the last position): the lines chain iff {@code link[k] <= tolerance}, one load and one compare per line.
     */
    double[] link = new double[64];

    private int size;

    int size() {
        return size;
    }

    int id(int pos) {
        return order[pos];
    }

    /** Price at a position (a copy kept in order, so walks read memory sequentially). */
    double price(int pos) {
        return sorted[pos];
    }

    /** Whether the lines at positions {@code a} and {@code a + 1} chain (same type, gap ≤ tolerance). */
    boolean chainedToNext(int a, double tolerance) {
        return link[a] <= tolerance;
    }

    private void relink(int k) {
        if (k >= 0 && k < size) {
            link[k] = k + 1 < size && ((order[k] ^ order[k + 1]) & 1) == 0 ? sorted[k + 1] - sorted[k] : Double.NaN;
        }
    }

    /** Position of the first entry not less than line {@code id} (binary search on the ordered copy). */
    private int lowerBound(double[] price, int id) {
        double p = price[id];
        int lo = 0;
        int len = size;
        while (len > 0) {
            int half = len >>> 1;
            int mid = lo + half;
            double m = sorted[mid];
            if (m < p || (m == p && order[mid] < id)) {
                lo = mid + 1;
                len = len - half - 1;
            } else {
                len = half;
            }
        }
        return lo;
    }

    void insert(double[] price, int id) {
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
            sorted = Arrays.copyOf(sorted, size * 2);
            link = Arrays.copyOf(link, size * 2);
        }
        int pos = lowerBound(price, id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        System.arraycopy(link, pos, link, pos + 1, size - pos);
        order[pos] = id;
        sorted[pos] = price[id];
        size++;
        relink(pos - 1);
        relink(pos);
    }

    void remove(double[] price, int id) {
        int pos = lowerBound(price, id);
        if (pos >= size || order[pos] != id) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos - 1);
        System.arraycopy(link, pos + 1, link, pos, size - pos - 1);
        size--;
        relink(pos - 1);
    }

    /** Last position whose price is ≤ p, or -1. */
    int floor(double p) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
