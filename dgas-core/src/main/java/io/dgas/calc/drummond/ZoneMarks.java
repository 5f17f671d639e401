package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * The zones of a {@link SortedLines} window at the bar's tolerance (drummond.md §5), kept across bars as bit sets
 * over window positions, so the termination search (§4.6) finds every zone near the bar with bit arithmetic and
 * derives nothing per position per bar.
 *
 * <p>Design notes: bit k of {@link #ends} is set when position k ends a zone at tolerance key {@link #key} (the key
 * of its gap to the next line, {@link SortedLines#gapKey}, is greater: the next line has the other type or lies
 * beyond the tolerance; the last position always ends one), bit k of {@link #types} when the line at k is a support
 * line. The window then keeps no {@link SortedLines#link} array: an insert, remove or replace shifts the bits between
 * the positions it moves ({@link #shiftUp}, {@link #shiftDown}: a few word operations, without a loop up to 256
 * positions, where the window's arrays move memory) and re-marks the positions it relinks ({@link #mark}). A new
 * bar's tolerance flips the mark of every link whose gap lies between the old and the new tolerance, about one link
 * in four bars; to find those without reading every link, every link whose key lies in a band around the tolerance
 * ([t / {@value #BAND}, t × {@value #BAND}]) is listed with its left line (id and price, to find its position by a
 * binary search), and {@link #retolerance} tests only the listed keys, and none while the tolerance stays between the
 * nearest listed keys below and above it (most bars). A link relinked into the band is appended; an entry whose line
 * left or whose link changed is found stale at its first look-up and dropped. The whole is rebuilt, the list anew, when
 * the tolerance leaves the band (about 2 % of the benchmark's bars: the envelope term of the tolerance jumps), the
 * list has grown past twice its size at the last rebuild (stale entries), or a NaN price is indexed (whose position
 * a binary search cannot be relied on to find).
 *
 * <p>The marks also keep an upper bound on the widest zone ({@link #widest}), which the search uses as its reach: a
 * zone grows only where a link becomes chained (a relink, or a flip as the tolerance rises), and each such event
 * widens the bound by the zone holding that link, found with two bit scans ({@link #widen}); every
 * {@value #RESCAN_BARS} bars, and after a rebuild at a higher tolerance, the bound is measured exactly again (a lower
 * tolerance only splits zones, so the bound holds). The result of every search equals building every
 * zone of the window; {@code ZoneMarksTest} checks the bits and the bound against the window after random
 * sequences of changes. Allocates nothing per bar in steady state.
 */
final class ZoneMarks {
    /** Bars between exact measurements of the widest zone. */
    static final int RESCAN_BARS = 32;
    /** The band of listed link gaps around the tolerance, as a factor. */
    static final double BAND = 2;

    private SortedLines lines;
    /** Bit k: position k ends a zone at {@link #key}. */
    long[] ends = new long[4];
    /** Bit k: the line at position k is a support line. */
    long[] types = new long[4];
    /** The tolerance key the marks are exact at. */
    private long key = Long.MIN_VALUE;

    private boolean built;
    private long bandLo;
    private long bandHi;
    private long[] bandKey = new long[16];
    private double[] bandPrice = new double[16];
    private int[] bandId = new int[16];
    private int bandCount;
    private int bandLimit;
    /** The largest listed key ≤ {@link #key} and the smallest above it (stale entries included): no flip between. */
    private long below;

    private long above;

    private double width = Double.POSITIVE_INFINITY;
    private boolean stale = true;
    private int scannedAt = Integer.MIN_VALUE;

    void attach(SortedLines lines) {
        this.lines = lines;
        built = false;
        stale = true;
    }

    /** Room for {@code n} positions. */
    void ensure(int n) {
        int words = Math.max((n >>> 6) + 2, 4);
        if (ends.length < words) {
            ends = Arrays.copyOf(ends, Math.max(words, ends.length * 2));
            types = Arrays.copyOf(types, ends.length);
        }
    }

    /** Positions a + 1 … c take the marks of a … c − 1 (an entry inserted at a, or moved from c down to a). */
    void shiftUp(int a, int c) {
        if (c <= a) {
            return;
        }
        if (c < 256) {
            // a window of up to 256 positions (the default look-back's 200 lines): four words without a loop, whose
            // exit would be a coin flip, and one set of masks for both bit sets
            long m0 = ZoneBits.range(0, a + 1, c);
            long m1 = ZoneBits.range(64, a + 1, c);
            long m2 = ZoneBits.range(128, a + 1, c);
            long m3 = ZoneBits.range(192, a + 1, c);
            up4(ends, m0, m1, m2, m3);
            up4(types, m0, m1, m2, m3);
            return;
        }
        shiftUp(ends, a, c);
        shiftUp(types, a, c);
    }

    /** Positions a … c − 1 take the marks of a + 1 … c (an entry removed at a, or moved from a up to c). */
    void shiftDown(int a, int c) {
        if (c <= a) {
            return;
        }
        if (c < 256) {
            long m0 = ZoneBits.range(0, a, c - 1);
            long m1 = ZoneBits.range(64, a, c - 1);
            long m2 = ZoneBits.range(128, a, c - 1);
            long m3 = ZoneBits.range(192, a, c - 1);
            down4(ends, m0, m1, m2, m3);
            down4(types, m0, m1, m2, m3);
            return;
        }
        shiftDown(ends, a, c);
        shiftDown(types, a, c);
    }

    private static void up4(long[] b, long m0, long m1, long m2, long m3) {
        long b0 = b[0];
        long b1 = b[1];
        long b2 = b[2];
        long b3 = b[3];
        b[0] = merge(b0, b0 << 1, m0);
        b[1] = merge(b1, (b1 << 1) | (b0 >>> 63), m1);
        b[2] = merge(b2, (b2 << 1) | (b1 >>> 63), m2);
        b[3] = merge(b3, (b3 << 1) | (b2 >>> 63), m3);
    }

    private static void down4(long[] b, long m0, long m1, long m2, long m3) {
        long b0 = b[0];
        long b1 = b[1];
        long b2 = b[2];
        long b3 = b[3];
        b[0] = merge(b0, (b0 >>> 1) | (b1 << 63), m0);
        b[1] = merge(b1, (b1 >>> 1) | (b2 << 63), m1);
        b[2] = merge(b2, (b2 >>> 1) | (b3 << 63), m2);
        b[3] = merge(b3, b3 >>> 1, m3);
    }

    private static void shiftUp(long[] b, int a, int c) {
        // from the top word down, so each word's carry is read from the word below before that one is shifted
        for (int w = c >>> 6; w >= a >>> 6; w--) {
            long old = b[w];
            long shifted = (old << 1) | (w > 0 ? b[w - 1] >>> 63 : 0L);
            b[w] = merge(old, shifted, ZoneBits.range(w << 6, a + 1, c));
        }
    }

    private static void shiftDown(long[] b, int a, int c) {
        for (int w = a >>> 6; w <= (c - 1) >>> 6; w++) {
            long old = b[w];
            long shifted = (old >>> 1) | (b[w + 1] << 63);
            b[w] = merge(old, shifted, ZoneBits.range(w << 6, a, c - 1));
        }
    }

    /** The bits of {@code shifted} where {@code m} is set, of {@code old} elsewhere. */
    private static long merge(long old, long shifted, long m) {
        return (old & ~m) | (shifted & m);
    }

    /** Clears the marks of position k (beyond the window after a remove). */
    void clear(int k) {
        ends[k >>> 6] &= ~(1L << k);
        types[k >>> 6] &= ~(1L << k);
    }

    /** Marks position k from its line and its link's key (for every relinked position, after the shift). */
    void mark(int k, long link) {
        long bit = 1L << k;
        int w = k >>> 6;
        // both tests are coin flips: the bits are set by arithmetic, not by branches
        ends[w] = (ends[w] & ~bit) | (ZoneBits.less(key, link) << k);
        types[w] = (types[w] & ~bit) | ((long) (lines.order[k] & DrummondLines.SUPPORT) << k);
        if (built && link >= bandLo && link <= bandHi) {
            list(link, lines.price(k), lines.order[k]);
        }
    }

    private void list(long link, double price, int id) {
        if (bandCount == bandKey.length) {
            bandKey = Arrays.copyOf(bandKey, bandCount * 2);
            bandPrice = Arrays.copyOf(bandPrice, bandCount * 2);
            bandId = Arrays.copyOf(bandId, bandCount * 2);
        }
        if (link <= key) {
            below = Math.max(below, link);
        } else {
            above = Math.min(above, link);
        }
        bandKey[bandCount] = link;
        bandPrice[bandCount] = price;
        bandId[bandCount++] = id;
    }

    /** Makes the marks exact at tolerance {@code tol} (see the class notes). */
    void retolerance(double tol) {
        long tk = SortedLines.toleranceKey(tol);
        if (tk == key && built) {
            return;
        }
        if (!built || tk < bandLo || tk > bandHi || bandCount > bandLimit || lines.hasNaN()) {
            rebuild(tol, tk);
            return;
        }
        // most bars cross no listed key: the flips are the keys in (key, tk] or (tk, key]
        if (tk > key ? tk < above : tk >= below) {
            key = tk;
            return;
        }
        // lo < k ≤ hi as one unsigned compare: k − lo − 1 < hi − lo (keys of one band, no overflow)
        long lo = Math.min(key, tk) + 1;
        long span = Math.max(key, tk) - lo;
        key = tk;
        long[] keys = bandKey;
        int i = 0;
        while (i < bandCount) {
            if (Long.compareUnsigned(keys[i] - lo, span) <= 0 && !flip(i)) {
                // stale: dropped, so that it costs no further look-up; the last entry takes its place
                bandCount--;
                keys[i] = keys[bandCount];
                bandPrice[i] = bandPrice[bandCount];
                bandId[i] = bandId[bandCount];
            } else {
                i++;
            }
        }
        bracket();
    }

    /** Measures {@link #below} and {@link #above} over the listed keys. */
    private void bracket() {
        long b = Long.MIN_VALUE;
        long a = Long.MAX_VALUE;
        long tk = key;
        long[] keys = bandKey;
        for (int i = 0; i < bandCount; i++) {
            long k = keys[i];
            b = Math.max(b, k <= tk ? k : Long.MIN_VALUE);
            a = Math.min(a, k > tk ? k : Long.MAX_VALUE);
        }
        below = b;
        above = a;
    }

    /**
     * Re-marks the listed link {@code i} at the new tolerance when it is still in the window; false when it is stale
     * (its line left, or its link changed: a relink listed the new one).
     */
    private boolean flip(int i) {
        int pos = lines.find(bandPrice[i], bandId[i]);
        if (pos < 0 || lines.gapKey(pos) != bandKey[i]) {
            return false;
        }
        long bit = 1L << pos;
        int w = pos >>> 6;
        if (bandKey[i] > key) {
            ends[w] |= bit;
        } else {
            ends[w] &= ~bit;
            widen(pos);
        }
        return true;
    }

    private void rebuild(double tol, long tk) {
        // a rising tolerance may merge zones: measure the widest again; a falling one only splits them, the bound holds
        stale |= tk > key;
        key = tk;
        built = true;
        boolean finite = tol > 0 && tol < Double.POSITIVE_INFINITY;
        bandLo = finite ? SortedLines.key(tol / BAND) : tk;
        bandHi = finite ? SortedLines.key(tol * BAND) : tk;
        bandCount = 0;
        int n = lines.size();
        ensure(n);
        Arrays.fill(ends, 0L);
        for (int k = 0; k < n; k++) {
            long l = lines.gapKey(k);
            ends[k >>> 6] |= (l > tk ? 1L : 0L) << k;
            if (l >= bandLo && l <= bandHi) {
                list(l, lines.price(k), lines.order[k]);
            }
        }
        bandLimit = Math.max(64, 2 * bandCount);
        bracket();
    }

    /** The zone holding position k may have grown (a link at or next to it became chained). */
    void widen(int k) {
        int n = lines.size();
        if (!built || k < 0 || k >= n) {
            return;
        }
        if (!lines.allFinite()) {
            stale = true;
            return;
        }
        // measured even for a line alone (width 0): two bit scans cost less than a coin-flip test for it
        width = Math.max(width, lines.price(ZoneBits.nextEnd(ends, k)) - lines.price(ZoneBits.startOf(ends, k)));
    }

    /**
     * An upper bound on the width of every zone of the window at the marks' tolerance {@code tol} (the bar's),
     * {@code +∞} while a price or the tolerance is not finite.
     */
    double widest(int bar, double tol) {
        if (!lines.allFinite() || !(tol >= 0) || tol == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (stale || bar - scannedAt >= RESCAN_BARS || bar < scannedAt) {
            scan(bar);
        }
        return width;
    }

    private void scan(int bar) {
        stale = false;
        scannedAt = bar;
        long[] px = lines.keys;
        long[] e = ends;
        int n = lines.size();
        // a zone's width is its end's price less its start's: one subtraction per zone, the ends found by bit scans;
        // a new widest is rare, so its test is a predicted branch where Math.max would chain every zone's latency
        double w = 0;
        int s = 0;
        for (int word = 0, words = (n + 63) >>> 6; word < words; word++) {
            long bits = e[word] & ZoneBits.range(word << 6, 0, n - 1);
            while (bits != 0) {
                int k = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                double d = SortedLines.price(px[k]) - SortedLines.price(px[s]);
                if (d > w) {
                    w = d;
                }
                s = k + 1;
            }
        }
        width = w;
    }
}
