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
 * updated at the positions an insert or remove changes. Binary searches read the ordered price copy, not the
 * caller's array, so they touch no memory out of order, and their updates are conditional moves: the comparisons are
 * coin flips, so a branchy search mispredicts about half its steps. {@link #replace}
 * removes one line and inserts another with a single shift of the entries between the two positions, which the
 * sliding termination window uses for each line that enters while another leaves.
 *
 * <p>{@link #runSpanBound()} is an upper bound on the price span of every maximal run of same-type neighbours. A zone
 * lies inside such a run whatever the tolerance, so this bounds every zone's width, which lets the termination search
 * skip lines that are far from the bar (see {@link TerminationDetector}). A run only grows where a line enters or
 * where a removal joins its two neighbours, so after each change the spans of the runs at those positions are folded
 * in with {@link Math#max} (which keeps a NaN span, e.g. from infinite prices, so a NaN bound means "unknown"); the
 * bound never shrinks that way, so it is recomputed exactly by a full pass once the changes since the last pass
 * reach the size.
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
    private double runSpanBound;
    private int changes;

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

    /** At least the price span of every maximal same-type run of neighbours (NaN: unknown). */
    double runSpanBound() {
        return runSpanBound;
    }

    private void relink(int k) {
        if (k >= 0 && k < size) {
            link[k] = k + 1 < size && ((order[k] ^ order[k + 1]) & 1) == 0 ? sorted[k + 1] - sorted[k] : Double.NaN;
        }
    }

    /**
     * Position of the first entry not less than (p, id) on the ordered copy. The probe sequence is the classic one;
     * only the two updates are written as conditional moves.
     */
    private int lowerBound(double p, int id) {
        int lo = 0;
        int len = size;
        while (len > 0) {
            int half = len >>> 1;
            int mid = lo + half;
            double m = sorted[mid];
            boolean less = m < p | (m == p & order[mid] < id);
            lo = less ? mid + 1 : lo;
            len = less ? len - half - 1 : half;
        }
        return lo;
    }

    private int positionOf(double[] price, int id) {
        int pos = lowerBound(price[id], id);
        if (pos >= size || order[pos] != id) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        return pos;
    }

    void insert(double[] price, int id) {
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
            sorted = Arrays.copyOf(sorted, size * 2);
            link = Arrays.copyOf(link, size * 2);
        }
        int pos = lowerBound(price[id], id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        System.arraycopy(link, pos, link, pos + 1, size - pos);
        order[pos] = id;
        sorted[pos] = price[id];
        size++;
        relink(pos - 1);
        relink(pos);
        widenRun(pos);
        changed();
    }

    void remove(double[] price, int id) {
        int pos = positionOf(price, id);
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos - 1);
        System.arraycopy(link, pos + 1, link, pos, size - pos - 1);
        size--;
        relink(pos - 1);
        widenRun(pos - 1);
        changed();
    }

    /** Removes line {@code out} and inserts line {@code in}, shifting only the entries between their positions. */
    void replace(double[] price, int out, int in) {
        int r = positionOf(price, out);
        double p = price[in];
        int q = lowerBound(p, in);
        if (q <= r) {
            System.arraycopy(order, q, order, q + 1, r - q);
            System.arraycopy(sorted, q, sorted, q + 1, r - q);
            System.arraycopy(link, q, link, q + 1, r - q);
        } else {
            q--;
            System.arraycopy(order, r + 1, order, r, q - r);
            System.arraycopy(sorted, r + 1, sorted, r, q - r);
            System.arraycopy(link, r + 1, link, r, q - r);
        }
        order[q] = in;
        sorted[q] = p;
        // the new line's neighbours and the removed line's former neighbours (wherever the shift left them)
        relink(q - 1);
        relink(q);
        relink(r - 1);
        relink(r);
        widenRun(q);
        widenRun(r - 1);
        widenRun(r);
        changed();
    }

    /** Folds the span of the same-type run through position {@code k} (if any) into the bound. */
    private void widenRun(int k) {
        if (k < 0 || k >= size) {
            return;
        }
        int t = order[k] & 1;
        int a = k;
        while (a > 0 && (order[a - 1] & 1) == t) {
            a--;
        }
        int b = k;
        while (b + 1 < size && (order[b + 1] & 1) == t) {
            b++;
        }
        runSpanBound = Math.max(runSpanBound, sorted[b] - sorted[a]);
    }

    private void changed() {
        if (++changes >= size) {
            changes = 0;
            double bound = 0;
            int a = 0;
            for (int k = 1; k <= size; k++) {
                if (k == size || ((order[k] ^ order[k - 1]) & 1) != 0) {
                    bound = Math.max(bound, sorted[k - 1] - sorted[a]);
                    a = k;
                }
            }
            runSpanBound = bound;
        }
    }

    /** Last position whose price is ≤ p, or -1 (same probes as {@link #lowerBound}, conditional moves). */
    int floor(double p) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean le = sorted[mid] <= p;
            lo = le ? mid + 1 : lo;
            hi = le ? hi : mid;
        }
        return lo - 1;
    }
}
