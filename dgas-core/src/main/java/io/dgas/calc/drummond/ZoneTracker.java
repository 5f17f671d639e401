package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * The termination zones of a {@link SortedLines} window kept up to date as lines enter and leave (drummond.md §4.6,
 * §5), so that a bar tests only the zones within its reach.
 *
 * <p>Design notes: two bit sets over the window's positions. {@link #ends} marks every position that ends a zone at
 * the tolerance last {@link #sync synced} (its {@link SortedLines#link} exceeds the tolerance, or it is the last
 * position); zones are the runs between marks. {@link #wide} marks the ends of the zones of at least
 * {@code minStrength} lines whose width exceeds {@link #theta}. An insert or remove shifts both sets by one position
 * at the change (a few word operations) and re-derives the marks of the relinked positions and the zones around them;
 * other zones keep their lines, so their marks stay right. A new tolerance re-marks only the links whose gap lies
 * between the old and the new tolerance (zone chaining flips there, about one bar in four on random walks): the
 * largest chained gap and the smallest broken one are kept as bounds (widened on every relink, exact after a scan),
 * so most bars see no scan at all.
 *
 * <p>Why this finds every qualifying zone: a zone at distance X beyond the bar qualifies only if X ≤ max(pct ×
 * |centre|, 2 × width, 2 × 0.01) (the class notes of {@link TerminationDetector}). A zone no wider than θ is so
 * within max(pct × |centre|, 2θ, 0.02) of the bar and lies in the price range the caller walks; a wider one is marked
 * in {@link #wide} and tested wherever it is. Both sets are exact functions of the window, so the result equals
 * testing every zone. Not used while a price is not finite (the caller's exact search runs then).
 */
final class ZoneTracker {
    private final int minStrength;
    /** Bit k: position k ends a zone at {@link #tolKey}. */
    long[] ends = new long[4];
    /** Bit k: position k ends a zone of at least minStrength lines wider than {@link #theta}. */
    long[] wide = new long[4];
    /** Width above which a zone is tracked in {@link #wide}; fixed between {@link #rebuild}s. */
    double theta = Double.NaN;

    private long tolKey = Long.MIN_VALUE;
    /** Bound ≥ the largest link key ≤ tolKey (no chained link lies above it). */
    private long maxChained = Long.MIN_VALUE;
    /** Bound ≤ the smallest finite link key &gt; tolKey (no broken link lies below it). */
    private long minBroken = Long.MAX_VALUE;

    private boolean built;
    private SortedLines lines;

    ZoneTracker(int minStrength) {
        this.minStrength = minStrength;
    }

    void attach(SortedLines lines) {
        this.lines = lines;
        built = false;
    }

    /** Re-marks everything at tolerance key {@code t} with width threshold {@code theta}. */
    void rebuild(long t, double theta) {
        this.theta = theta;
        this.tolKey = t;
        int n = lines.size();
        ensure(n);
        Arrays.fill(ends, 0L);
        Arrays.fill(wide, 0L);
        rescanBounds();
        for (int k = 0; k < n; k++) {
            if (isEnd(k)) {
                ends[k >>> 6] |= 1L << k;
            }
        }
        if (n > 0) {
            markWide(0, n - 1);
        }
        built = true;
    }

    boolean built() {
        return built;
    }

    /** The tolerance key the marks are at. */
    long tolKey() {
        return tolKey;
    }

    /** Brings the zone marks to tolerance key {@code t}, re-marking only links whose chaining flips. */
    void sync(long t) {
        if (t == tolKey) {
            return;
        }
        boolean flips = t > tolKey ? minBroken <= t : maxChained > t;
        long old = tolKey;
        tolKey = t;
        if (!flips) {
            return;
        }
        long lo = Math.min(old, t);
        long hi = Math.max(old, t);
        long[] link = lines.link;
        int n = lines.size();
        // one pass: the flipped links (few; a predictable branch) and exact bounds (selects, no branch)
        long below = Long.MIN_VALUE;
        long above = Long.MAX_VALUE;
        for (int k = 0; k + 1 < n; k++) {
            long g = link[k];
            if (g > lo && g <= hi) {
                setEnd(k, g > t);
                remarkAround(k, k + 1);
            }
            below = Math.max(below, g <= t ? g : Long.MIN_VALUE);
            above = Math.min(above, g > t ? g : Long.MAX_VALUE);
        }
        maxChained = below;
        minBroken = above;
    }

    /** Exact bounds after a scan of every link. */
    private void rescanBounds() {
        long[] link = lines.link;
        long below = Long.MIN_VALUE;
        long above = Long.MAX_VALUE;
        for (int k = 0, n = lines.size(); k + 1 < n; k++) {
            long g = link[k];
            below = Math.max(below, g <= tolKey ? g : Long.MIN_VALUE);
            above = Math.min(above, g > tolKey ? g : Long.MAX_VALUE);
        }
        maxChained = below;
        minBroken = above;
    }

    /** Position {@code pos} was inserted (the arrays already hold the new line; links are already relinked). */
    void inserted(int pos) {
        int words = ensure(lines.size());
        shiftUp(ends, pos, words);
        shiftUp(wide, pos, words);
    }

    /** Position {@code pos} was removed. */
    void removed(int pos) {
        int words = (lines.size() >>> 6) + 1;
        shiftDown(ends, pos, words);
        shiftDown(wide, pos, words);
    }

    /** Links at {@code a..b} (clamped) were relinked: re-mark them and the zones around them. */
    void relinked(int a, int b) {
        relinked(a, b, a, b);
    }

    /** Two relinked ranges at once: every mark is set before any zone is re-derived. */
    void relinked(int a, int b, int c, int d) {
        if (!built) {
            return;
        }
        int n = lines.size();
        if (n == 0) {
            return;
        }
        mark(a, b);
        mark(c, d);
        remarkAround(Math.max(0, Math.min(a, n - 1)), Math.max(0, Math.min(b + 1, n - 1)));
        remarkAround(Math.max(0, Math.min(c, n - 1)), Math.max(0, Math.min(d + 1, n - 1)));
    }

    private void mark(int a, int b) {
        for (int k = Math.max(0, a), to = Math.min(lines.size() - 1, b); k <= to; k++) {
            long g = lines.link[k];
            if (g != Long.MAX_VALUE) {
                if (g <= tolKey) {
                    maxChained = Math.max(maxChained, g);
                } else {
                    minBroken = Math.min(minBroken, g);
                }
            }
            setEnd(k, isEnd(k));
        }
    }

    private boolean isEnd(int k) {
        return k + 1 >= lines.size() || lines.link[k] > tolKey;
    }

    private void setEnd(int k, boolean end) {
        if (end) {
            ends[k >>> 6] |= 1L << k;
        } else {
            ends[k >>> 6] &= ~(1L << k);
        }
    }

    /** Re-derives the wide marks of the zones that hold positions a..b. */
    private void remarkAround(int a, int b) {
        int s = prevEnd(a - 1) + 1;
        int e = nextEnd(b);
        for (int w = s >>> 6; w <= e >>> 6; w++) {
            wide[w] &= ~wordMask(w, s, e);
        }
        markWide(s, e);
    }

    /** Marks the wide zones among the whole zones of positions s..e (s starts a zone, e ends one). */
    private void markWide(int s, int e) {
        double[] px = lines.sorted;
        int zs = s;
        while (zs <= e) {
            int ze = nextEnd(zs);
            if (ze - zs + 1 >= minStrength && px[ze] - px[zs] > theta) {
                wide[ze >>> 6] |= 1L << ze;
            }
            zs = ze + 1;
        }
    }

    /** The bits of word {@code w} that stand for positions from..to. */
    static long wordMask(int w, int from, int to) {
        long m = -1L;
        if (w == from >>> 6) {
            m &= -1L << from;
        }
        if (w == to >>> 6) {
            m &= -1L >>> (63 - (to & 63));
        }
        return m;
    }

    /** First zone end at or after {@code k} (the last position always ends one); k must be &lt; size. */
    int nextEnd(int k) {
        int w = k >>> 6;
        long m = ends[w] & (-1L << k);
        while (m == 0) {
            m = ends[++w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(m);
    }

    /** Last zone end at or before {@code k}, or -1. */
    int prevEnd(int k) {
        if (k < 0) {
            return -1;
        }
        int w = k >>> 6;
        long m = ends[w] & (-1L >>> (63 - (k & 63)));
        while (m == 0) {
            if (w == 0) {
                return -1;
            }
            m = ends[--w];
        }
        return (w << 6) + 63 - Long.numberOfLeadingZeros(m);
    }

    /** Grows the sets for n positions; returns the words that hold them (one spare). */
    private int ensure(int n) {
        int words = (n >>> 6) + 2;
        if (ends.length < words) {
            ends = Arrays.copyOf(ends, Math.max(words, ends.length * 2));
            wide = Arrays.copyOf(wide, ends.length);
        }
        return words;
    }

    /** Bits at positions ≥ pos move up by one; bit pos becomes 0. */
    private static void shiftUp(long[] bits, int pos, int words) {
        int w = pos >>> 6;
        for (int k = words - 1; k > w; k--) {
            bits[k] = (bits[k] << 1) | (bits[k - 1] >>> 63);
        }
        long low = bits[w] & ((1L << pos) - 1); // bits below pos in its word (1L << pos uses pos mod 64)
        long high = bits[w] & ~((1L << pos) - 1);
        bits[w] = low | (high << 1);
    }

    /** Bits at positions &gt; pos move down by one (bit pos is dropped). */
    private static void shiftDown(long[] bits, int pos, int words) {
        int w = pos >>> 6;
        long mask = (1L << pos) - 1;
        long low = bits[w] & mask;
        long high = (bits[w] >>> 1) & ~mask;
        bits[w] = low | high;
        for (int k = w, last = Math.min(words, bits.length - 1); k < last; k++) {
            bits[k] |= bits[k + 1] << 63;
            bits[k + 1] >>>= 1;
        }
    }
}
