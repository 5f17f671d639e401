package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Line ids kept sorted by (projected price, id) in a plain array: neighbours are adjacent positions, so walking zones
 * costs one array read per line. Insert and remove shift the tail (memmove of the entries after the position); with
 * the termination look-back window the array holds at most 2 × window lines, so that stays a few hundred bytes.
 * Prices are read from the caller's array indexed by line id.
 */
final class SortedLines {
    private int[] order = new int[64];
    private double[] sorted = new double[64];
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
        return ((order[a] ^ order[a + 1]) & 1) == 0 && sorted[a + 1] - sorted[a] <= tolerance;
    }

    private static boolean less(double[] price, int a, int b) {
        return price[a] < price[b] || (price[a] == price[b] && a < b);
    }

    /** Position of the first entry not less than line {@code id}. */
    private int lowerBound(double[] price, int id) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (less(price, order[mid], id)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void insert(double[] price, int id) {
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
            sorted = Arrays.copyOf(sorted, size * 2);
        }
        int pos = lowerBound(price, id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        order[pos] = id;
        sorted[pos] = price[id];
        size++;
    }

    void remove(double[] price, int id) {
        int pos = lowerBound(price, id);
        if (pos >= size || order[pos] != id) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos - 1);
        size--;
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
