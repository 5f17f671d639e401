package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Line ids kept sorted by (projected price, id) in plain arrays: neighbours are adjacent positions, so walking zones
 * costs sequential reads. Insert and remove shift the tail (memmove of the entries after the position); with the
 * termination look-back window the arrays hold at most 2 × window lines, so that stays a few hundred bytes.
 *
 * <p>Design notes: besides ids and prices, {@link #link} keeps for each position the gap to the next line when both
 * have the same type and NaN otherwise, so "chained at tolerance t" (drummond.md §5) is the single compare
 * {@code link[k] <= t} — NaN compares false, exactly like the type test, also for NaN or infinite prices. The gap is
 * stored as an order-preserving long ({@link #key}): with the integer compare the termination search's bit-marking
 * loop measured about 120 ns per bar faster at 10,000 bars on JDK 17 than with the double compare (which is
 * compiled to a branch that mispredicts at zone ends). It is updated at the few positions an insert, remove or
 * replace changes; while {@link ZoneMarks} are kept ({@link #keep}) they hold the chains instead and the array is
 * neither kept nor shifted.
 *
 * <p>Binary searches read ordered long keys of the prices, not the caller's array, so they touch no memory out of
 * order, and halve with one long compare feeding a conditional move (Khuong and Morin's branch-free lower bound);
 * equal prices are then stepped over in id order. Their compares are coin flips, so the branchy double-compare search
 * mispredicted about half its steps; the keyed one measured about 90 ns per bar faster (six searches a bar). A
 * compound (price, id) compare or keys derived on the fly kept C2 from using conditional moves and was slower. While
 * a NaN price is indexed the classic double-compare search runs instead: NaN has no place in the order, so only
 * that search's own probe sequence defines where it goes, as before (the searches are {@link LineSearch}'s).
 * {@link #replace} removes one line and inserts another with a single shift of the entries between the two positions
 * instead of two shifts of the tails; the sliding termination window swaps a bar's two lines for the expired bar's
 * with {@link #replaceTwo}, whose four positions come from one interleaved search.
 */
final class SortedLines {
    /** Line ids in (price, id) order; read directly by hot loops (valid for the first {@link #size()} entries). */
    int[] order = new int[64];
    /**
     * {@link #key} of the prices of {@link #order}'s lines, in the same order: the binary searches compare longs, and
     * {@link #price} turns a key back into the price (NaN into a NaN, −0.0 into +0.0, which compares and subtracts
     * alike), so the prices need no array of their own to move.
     */
    long[] keys = new long[64];
    /**
     * {@code link[k]} = {@link #key}(price(k + 1) − price(k)) when the lines at k and k + 1 have the same type,
     * {@code key(NaN)} otherwise (and for the last position): the lines chain iff {@code link[k] <= key(tolerance)},
     * one load and one integer compare per line.
     */
    long[] link = new long[64];
    /** NaN prices in the index: their place is only defined by the classic search's probe sequence. */
    private int nans;
    /** NaN or infinite prices in the index. */
    private int nonFinite;
    /** Zone width bound kept in step with every change, or null. */
    private ZoneWidthBound tracker;
    /** Zone marks kept in step with every change, or null. */
    private ZoneMarks marks;

    private int size;
    /** Per {@link #replaceTwo}: the four positions its search found. */
    private final int[] found = new int[4];

    int size() {
        return size;
    }

    int id(int pos) {
        return order[pos];
    }

    /** Keeps {@code t}'s bound in step with this index from now on (it is measured on first use). */
    void track(ZoneWidthBound t) {
        tracker = t;
        t.attach(this);
    }

    /**
     * Keeps {@code m}'s marks in step with this index from now on (they are built on first use); {@link #link} is
     * then no longer kept, the marks hold the chains.
     */
    void keep(ZoneMarks m) {
        marks = m;
        m.ensure(order.length);
        m.attach(this);
    }

    /** Whether every indexed price is finite. */
    boolean allFinite() {
        return nonFinite == 0;
    }

    /** Whether a NaN price is indexed. */
    boolean hasNaN() {
        return nans > 0;
    }

    /** Price at a position (from its key, kept in order, so walks read memory sequentially). */
    double price(int pos) {
        return price(keys[pos]);
    }

    /** The price of a {@link #key}: the inverse of the key's bit flip (the order-preserving map is its own inverse). */
    static double price(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * A long that orders like the double under {@code <=}: −0.0 and +0.0 map to 0, negatives below, NaN above
     * everything else, so {@code gap <= t} is {@code key(gap) <= key(t)} for every non-NaN t (see
     * {@link #toleranceKey} for a NaN one).
     */
    static long key(double v) {
        if (v != v) {
            return Long.MAX_VALUE;
        }
        long b = Double.doubleToRawLongBits(v + 0.0);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    /** {@link #key} of a tolerance, except that NaN maps below every key: a NaN tolerance chains nothing. */
    static long toleranceKey(double t) {
        return t != t ? Long.MIN_VALUE : key(t);
    }

    /**
     * Whether the lines at positions {@code a} and {@code a + 1} chain, given the {@link #toleranceKey} (not while
     * zone marks are kept: they hold the chains instead of {@link #link}).
     */
    boolean chainedToNext(int a, long toleranceKey) {
        return link[a] <= toleranceKey;
    }

    /**
     * The {@link #link} value of position {@code k}: the key of the gap to the next line when both have the same type,
     * {@code key(NaN)} otherwise and for the last position.
     */
    long gapKey(int k) {
        return k + 1 < size && ((order[k] ^ order[k + 1]) & 1) == 0 ? key(price(k + 1) - price(k)) : Long.MAX_VALUE;
    }

    private void relink(int k) {
        if (k >= 0 && k < size) {
            if (marks != null) {
                marks.mark(k, gapKey(k));
            } else {
                link[k] = gapKey(k);
            }
        }
    }

    private void set(int pos, double p) {
        keys[pos] = key(p);
        nonFinite += Double.isFinite(p) ? 0 : 1;
        nans += p != p ? 1 : 0;
    }

    /** Position of the first entry not less than (p, id). */
    private int lowerBound(double p, int id) {
        return nans > 0 || p != p
                ? LineSearch.classicLowerBound(keys, order, size, p, id)
                : LineSearch.lowerBound(keys, order, size, p, id);
    }

    /** Position of line {@code id} at price {@code p}, or -1 when it is not indexed at that price. */
    int find(double p, int id) {
        int pos = lowerBound(p, id);
        return pos < size && order[pos] == id ? pos : -1;
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
            link = Arrays.copyOf(link, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            if (marks != null) {
                marks.ensure(order.length);
            }
        }
        int pos = lowerBound(price[id], id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        if (marks == null) {
            System.arraycopy(link, pos, link, pos + 1, size - pos);
        }
        System.arraycopy(keys, pos, keys, pos + 1, size - pos);
        order[pos] = id;
        set(pos, price[id]);
        if (marks != null) {
            marks.shiftUp(pos, size);
        }
        size++;
        relink(pos - 1);
        relink(pos);
        if (tracker != null) {
            tracker.widen(pos);
        }
        if (marks != null) {
            marks.widen(pos);
        }
    }

    void remove(double[] price, int id) {
        int pos = positionOf(price, id);
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        if (marks == null) {
            System.arraycopy(link, pos + 1, link, pos, size - pos - 1);
        }
        System.arraycopy(keys, pos + 1, keys, pos, size - pos - 1);
        nans -= price[id] != price[id] ? 1 : 0;
        nonFinite -= Double.isFinite(price[id]) ? 0 : 1;
        if (marks != null) {
            marks.shiftDown(pos, size - 1);
            marks.clear(size - 1);
        }
        size--;
        relink(pos - 1);
        if (tracker != null) {
            tracker.widen(pos - 1);
        }
        if (marks != null) {
            marks.widen(pos - 1);
        }
    }

    /** Removes line {@code out} and inserts line {@code in}, shifting only the entries between their positions. */
    void replace(double[] price, int out, int in) {
        double p = price[in];
        int r;
        int q;
        if (nans == 0 && p == p && size > 0) {
            // both searches in one loop: their dependent probe chains overlap in the pipeline
            int[] f = found;
            LineSearch.lowerBounds(keys, order, size, price[out], out, p, in, price[out], out, p, in, f);
            r = f[0];
            q = f[1];
        } else {
            r = positionOf(price, out);
            q = lowerBound(p, in);
        }
        replaceAt(price, out, in, r, q);
    }

    /**
     * {@link #replace} of {@code out0} by {@code in0}, then of {@code out1} by {@code in1}, with the four positions
     * found in one interleaved search of the index as it is (four independent probe chains overlap in the pipeline)
     * and the second pair's positions then moved by what the first replace did: one before it left, one may have
     * entered before it.
     */
    void replaceTwo(double[] price, int out0, int in0, int out1, int in1) {
        double pi0 = price[in0];
        double pi1 = price[in1];
        if (nans > 0 || pi0 != pi0 || pi1 != pi1 || size == 0) {
            replace(price, out0, in0);
            replace(price, out1, in1);
            return;
        }
        double po1 = price[out1];
        int[] f = found;
        LineSearch.lowerBounds(keys, order, size, price[out0], out0, pi0, in0, po1, out1, pi1, in1, f);
        int r0 = f[0];
        int r1 = f[2] - (r0 < f[2] ? 1 : 0) + (precedes(pi0, in0, po1, out1) ? 1 : 0);
        int q1 = f[3] - (r0 < f[3] ? 1 : 0) + (precedes(pi0, in0, pi1, in1) ? 1 : 0);
        replaceAt(price, out0, in0, r0, f[1]);
        replaceAt(price, out1, in1, r1, q1);
    }

    /** Whether (pa, a) comes before (pb, b) in the index's order (no NaN). */
    private static boolean precedes(double pa, int a, double pb, int b) {
        return pa < pb || pa == pb && a < b;
    }

    /** Replaces line {@code out}, at position r, by line {@code in}, whose lower bound in the index is q. */
    private void replaceAt(double[] price, int out, int in, int r, int q) {
        if (r >= size || order[r] != out) {
            throw new IllegalStateException("line " + out + " is not indexed");
        }
        double p = price[in];
        if (q <= r) {
            System.arraycopy(order, q, order, q + 1, r - q);
            System.arraycopy(keys, q, keys, q + 1, r - q);
            if (marks != null) {
                marks.shiftUp(q, r);
            } else {
                System.arraycopy(link, q, link, q + 1, r - q);
            }
        } else {
            q--;
            System.arraycopy(order, r + 1, order, r, q - r);
            System.arraycopy(keys, r + 1, keys, r, q - r);
            if (marks != null) {
                marks.shiftDown(r, q);
            } else {
                System.arraycopy(link, r + 1, link, r, q - r);
            }
        }
        nans -= price[out] != price[out] ? 1 : 0;
        nonFinite -= Double.isFinite(price[out]) ? 0 : 1;
        order[q] = in;
        set(q, p);
        // the new line's two links and the one now joining the removed line's former neighbours: at r when the
        // entries between moved up (they kept their links, shifted), at r − 1 when they moved down
        relink(q - 1);
        relink(q);
        relink(q <= r ? r : r - 1);
        if (tracker != null) {
            // the run of the new line, and the run the removed line's former neighbours may now share: they sit at
            // r − 1 and r, or at r and r + 1, so a walk from r crosses their link if they chain
            tracker.widen(q);
            tracker.widen(r);
        }
        if (marks != null) {
            marks.widen(q);
            marks.widen(r);
        }
    }

    /** Last position whose price is ≤ p, or -1. */
    int floor(double p) {
        return nans > 0 || p != p ? LineSearch.classicFloor(keys, size, p) : LineSearch.floor(keys, size, p);
    }

    /**
     * {@link #floor} + 1 of four prices into {@code out[0..3]}, in one interleaved search (four independent probe
     * chains overlap in the pipeline).
     */
    void floors(double pa, double pb, double pc, double pd, int[] out) {
        if (nans > 0 || pa != pa || pb != pb || pc != pc || pd != pd || size == 0) {
            out[0] = floor(pa) + 1;
            out[1] = floor(pb) + 1;
            out[2] = floor(pc) + 1;
            out[3] = floor(pd) + 1;
            return;
        }
        LineSearch.floors(keys, size, pa, pb, pc, pd, out);
    }
}
