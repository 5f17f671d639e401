package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Termination approach/touch, drummond.md §4.6.
 *
 * <p>Design notes: <b>[C]</b> at bar i only zones built from lines ending at or before bar i count (the caller keeps
 * exactly those lines in the {@link SortedLines}, further limited to the last {@code terminationLookbackBars} bars
 * when that is &gt; 0), chained with the tolerance of bar i (§5: same type, within tolerance of the previous line).
 * Zones are evaluated in ascending price, as the reference does, and a zone is identified across bars by its anchor,
 * its earliest line id, so "one approach event per active approach" survives zones being rebuilt every bar.
 *
 * <p>The search is by price and touches only the lines whose zones can qualify. A zone wholly below the low at
 * distance X = low − upper can be touched or approached only if X ≤ max(pct × |centre|, 2 × width, 2 × 0.01) (pct
 * the larger of the approach and touch fractions; 0.01 is §4.6's width for a zero-width zone), with |centre| ≤
 * max(|low|, |lowest line|) and width ≤ upper − lowest line, i.e. X ≤ 2/3 × (low − lowest line); symmetrically above
 * the high. So one upward pass covers the positions from the zone holding the lowest line within that bound below
 * the low to the zone holding the highest line within it above the high (a relative slack of 1e-9 absorbs rounding:
 * the pass may only get wider). Inside the pass a straight-line loop first marks in a bit set each position that ends
 * a zone ({@link SortedLines#link} &gt; tolerance, an integer compare); zones of two lines or more are then the runs
 * that contain an unmarked position and are enumerated with bit arithmetic, so singletons cost nothing and there is
 * no mispredicted branch per zone boundary. {@link #check} first rejects a zone beyond the bar's reach on either side,
 * a test that does not depend on the zone's type, so the type-dependent tests run only near the bar. The result
 * equals building every zone of the window and testing each, which {@code TerminationSearchTest} and
 * {@code TerminationEquivalenceTest} check against a brute force.
 *
 * <p>The span bound above lets a bar reach most of the window (about 166 of 200 positions and 40 zone tests a bar
 * on the benchmark's bars). A zone beyond the percentage reach qualifies only through X ≤ 2 × width, so the pass also
 * stops at twice the widest zone's width: {@link ZoneWidthBound} keeps an upper bound of it as lines enter and leave
 * (one number, no per-zone marks to shift or re-derive when the tolerance moves), which cuts the pass to about 88
 * positions and 21 zone tests a bar (74 and 18 with the exact widest zone; only 59 positions lie within the
 * percentage reach, so little is left to gain there). The result still equals building every zone of the window and
 * testing each. On the usual finite prices the zone test runs without branches ({@link #checkFast}). Buffers grow
 * geometrically and are reused: no allocation per bar in steady state.
 *
 * <p>By type ({@link #searchByType}, finite prices, zones of two lines or more): a resistance zone is judged by the
 * high alone and a support zone by the low alone, and below the high a resistance zone can only be touched (X ≤
 * max(touch pct × |centre|, width / 2, 0.005), so X ≤ span / 3 by the width), symmetrically above the low for
 * support. So each type has a band around its own price, wide on the approach side and narrow on the touch side,
 * and the pass tests only the zones of each band's type, found with a per-position type bit set and two range
 * masks on the zone starts: about 11.5 zone tests a bar instead of 21 over the same 88 positions. Zones are still
 * visited in ascending price, so the events come in the same order. The zone-end marks are computed from the sign
 * of an integer difference (the compare was compiled to a branch that mispredicted at zone ends), and a touch
 * result is recorded with {@link PatternEvents#addIf} (its row written either way, kept only for a touch) instead of
 * two data-dependent branches per zone. {@code TerminationRandomEquivalenceTest} checks the whole against the brute
 * force over 48 regimes (ties, gaps, trends, scales, settings).
 */
final class TerminationDetector {
    static final int NONE = 0;
    static final int APPROACH = 1;
    static final int TOUCH = 2;
    /** Width used for a zone of width ≤ 0 (§4.6). */
    private static final double MIN_WIDTH = 0.01;

    private final PatternParams p;
    private final PatternEvents out;

    private boolean[] active = new boolean[64];
    private int[] activeList = new int[16];
    private int activeCount;
    private int[] nextList = new int[16];
    private int nextCount;
    private int[] savedList = new int[16];
    private int savedCount;
    /** Per search: bit j set when position from + j ends a zone. */
    private long[] ends = new long[4];
    /** Per search: bit j set when the line at position from + j is a support line. */
    private long[] types = new long[4];
    /** Bound on the widest zone of the engine's window, kept as lines enter and leave. */
    private final ZoneWidthBound widths = new ZoneWidthBound();
    /** Whether the pass is cut at twice the widest zone (off: the span bound alone, the former exact pass). */
    private final boolean widthBound;
    /** Whether each type is searched in its own band ({@link #searchByType}; off: both types in one band). */
    private final boolean byType;

    TerminationDetector(PatternParams p, PatternEvents out) {
        this(p, out, true);
    }

    TerminationDetector(PatternParams p, PatternEvents out, boolean widthBound) {
        this(p, out, widthBound, true);
    }

    /** With {@code byType} off every zone of either type in one band around the bar is tested (for comparisons). */
    TerminationDetector(PatternParams p, PatternEvents out, boolean widthBound, boolean byType) {
        this.p = p;
        this.out = out;
        this.widthBound = widthBound;
        this.byType = byType;
    }

    /** The bound to attach to the window this detector searches ({@link SortedLines#track}). */
    ZoneWidthBound widthBound() {
        return widths;
    }

    void save() {
        if (savedList.length < activeCount) {
            savedList = new int[activeList.length];
        }
        System.arraycopy(activeList, 0, savedList, 0, activeCount);
        savedCount = activeCount;
    }

    void restore() {
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = false;
        }
        if (activeList.length < savedCount) {
            activeList = new int[savedList.length];
        }
        System.arraycopy(savedList, 0, activeList, 0, savedCount);
        activeCount = savedCount;
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = true;
        }
    }

    /**
     * Evaluates bar {@code i} against the zones of the lines in {@code lines} ({@code price} indexed by line id),
     * chained with {@code tolerance}.
     */
    void step(int i, double high, double low, double tolerance, SortedLines lines, double[] price) {
        if (active.length < price.length) {
            active = Arrays.copyOf(active, price.length);
        }
        nextCount = 0;
        if (lines.size() > 0) {
            search(i, high, low, tolerance, lines);
        }
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = false;
        }
        int[] t = activeList;
        activeList = nextList;
        nextList = t;
        activeCount = nextCount;
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = true;
        }
    }

    /** §4.6 test of one zone: {@link #TOUCH}, {@link #APPROACH} or {@link #NONE}. */
    int check(int type, double lower, double upper, double high, double low) {
        double centre = (lower + upper) / 2.0;
        double width = upper - lower;
        if (width <= 0) {
            width = 0.01;
        }
        double approach = Math.max(Math.abs(centre) * p.terminationApproachPct(), 2 * width);
        double touch = Math.max(Math.abs(centre) * p.terminationTouchPct(), 0.5 * width);
        // most zones lie beyond the bar's reach on one side, which fails every test below for either type (given
        // low ≤ high and lower ≤ upper): deciding that first keeps the type-dependent tests, whose branches are near
        // coin flips, for the few zones near the bar
        boolean ordered = low <= high && lower <= upper;
        if (ordered
                && (upper + touch < low && low - upper > approach || lower - touch > high && lower - high > approach)) {
            return NONE;
        }
        double price = type == DrummondLines.RESISTANCE ? high : low;
        if (price >= lower - touch && price <= upper + touch) {
            return TOUCH;
        }
        double distance = type == DrummondLines.RESISTANCE ? lower - high : low - upper;
        return distance > 0 && distance <= approach ? APPROACH : NONE;
    }

    /**
     * {@link #check} without a branch, for prices whose magnitudes are below {@link #FAST_LIMIT} (so nothing overflows
     * and no NaN arises): its compares are coin flips near the bar, and it runs about 20 times a bar. Each compare
     * {@code a >= b} is the sign bit of {@code (a − b) + 0.0}, exact for finite doubles (a difference has the sign
     * of the exact one and is zero only when the operands are equal; + 0.0 turns the −0.0 of −0.0 − 0.0 into +0.0);
     * a maximum of two non-negative doubles is the maximum of their
     * bits as longs; a select between doubles is a mask on their bits. Same doubles compared as in {@link #check},
     * so the same result.
     */
    int checkFast(int type, double lower, double upper, double high, double low) {
        double centre = Math.abs((lower + upper) / 2.0);
        // ≥ 0 (the caller's lines are sorted); + 0.0 turns −0.0 (from 0.0 and −0.0, equal prices) into +0.0
        long wb = Double.doubleToRawLongBits((upper - lower) + 0.0);
        wb |= ~((wb | -wb) >> 63) & MIN_WIDTH_BITS; // width 0 → 0.01
        double width = Double.longBitsToDouble(wb);
        double approach = maxNonNegative(centre * p.terminationApproachPct(), 2 * width);
        double touch = maxNonNegative(centre * p.terminationTouchPct(), 0.5 * width);
        long resistance = (long) type - 1; // all ones for resistance (0), zero for support (1)
        double price = select(resistance, high, low);
        double distance = select(resistance, lower - high, low - upper);
        long aboveLower = Double.doubleToRawLongBits((price - (lower - touch)) + 0.0);
        long belowUpper = Double.doubleToRawLongBits(((upper + touch) - price) + 0.0);
        long touched = ~(aboveLower | belowUpper) >>> 63;
        long positive = Double.doubleToRawLongBits((0.0 - distance) + 0.0) >>> 63;
        long inReach = ~Double.doubleToRawLongBits((approach - distance) + 0.0) >>> 63;
        return (int) ((touched << 1) | (positive & inReach & ~touched));
    }

    /** Magnitude below which {@link #checkFast} may be used. */
    static final double FAST_LIMIT = 1e300;

    private static final long MIN_WIDTH_BITS = Double.doubleToRawLongBits(MIN_WIDTH);

    private static double maxNonNegative(double a, double b) {
        return Double.longBitsToDouble(Math.max(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
    }

    private static double select(long mask, double a, double b) {
        return Double.longBitsToDouble(
                (Double.doubleToRawLongBits(a) & mask) | (Double.doubleToRawLongBits(b) & ~mask));
    }

    /** One upward pass over the positions whose zones can qualify (bounds in the class notes). */
    private void search(int bar, double high, double low, double tol, SortedLines lines) {
        int n = lines.size();
        double[] px = lines.sorted;
        // a zone at distance X beyond the bar qualifies only if X ≤ max(pct × |centre|, 2 × width, 2 × 0.01), and its
        // width is at most the span left beyond it: X ≤ 2 × (span − X) gives X ≤ 2/3 × span
        double minP = px[0];
        double maxP = px[n - 1];
        double pct = Math.max(p.terminationApproachPct(), p.terminationTouchPct());
        // ... and X ≤ 2 × width ≤ twice the widest zone (+∞ while unknown, which leaves the span bound)
        double reach = widthBound ? 2 * widths.at(bar, tol) : Double.POSITIVE_INFINITY;
        long tolKey = SortedLines.toleranceKey(tol);
        boolean finite = lines.allFinite() && Double.isFinite(low) && Double.isFinite(high);
        if (byType && finite && p.terminationMinZoneStrength() >= 2) {
            searchByType(bar, high, low, tolKey, lines, minP, maxP, pct, reach);
            return;
        }
        double downBound = Math.max(
                Math.max(pct * Math.max(Math.abs(low), Math.abs(minP)), 2 * MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (low - minP)));
        double upBound = Math.max(
                Math.max(pct * Math.max(Math.abs(high), Math.abs(maxP)), 2 * MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (maxP - high)));
        // slack so that rounding in the bounds can only widen the pass
        double slack = 1e-9 * (Math.abs(low) + Math.abs(high) + downBound + upBound);
        long floors = lines.floors(Math.nextDown(low - downBound - slack), high + upBound + slack);
        int from = zoneStart(lines, (int) (floors >>> 32), tolKey);
        int to = zoneEnd(lines, (int) floors - 1, tolKey);
        if (from > to) {
            return;
        }
        if (p.terminationMinZoneStrength() < 2) {
            walkAll(bar, high, low, tolKey, lines, from, to);
        } else {
            boolean fast = lines.allFinite()
                    && Math.max(Math.max(Math.abs(minP), Math.abs(maxP)), Math.max(Math.abs(low), Math.abs(high)))
                            < FAST_LIMIT;
            walkStrong(bar, high, low, tolKey, lines, from, to, fast, from, to, from, to);
        }
    }

    /**
     * The pass over finite prices, by type: a resistance zone is tested against the high alone and a support zone
     * against the low alone (§4.6), so each type has its own band, wide on the approach side and narrow on the touch
     * side (bounds in the class notes); one pass covers both bands and tests only the zones of each band's type.
     */
    private void searchByType(
            int bar,
            double high,
            double low,
            long tolKey,
            SortedLines lines,
            double minP,
            double maxP,
            double pct,
            double reach) {
        double touchPct = p.terminationTouchPct();
        // approach side: X ≤ max(pct × |centre|, 2 × width'), width' ≥ 0.01, width ≤ span − X
        double upR = Math.max(
                Math.max(pct * Math.max(Math.abs(high), Math.abs(maxP)), 2 * MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (maxP - high)));
        double downS = Math.max(
                Math.max(pct * Math.max(Math.abs(low), Math.abs(minP)), 2 * MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (low - minP)));
        // touch side: X ≤ max(touch pct × |centre|, width' / 2), width ≤ span − X gives X ≤ span / 3
        double downR = Math.max(
                Math.max(touchPct * Math.max(Math.abs(high), Math.abs(minP)), 0.5 * MIN_WIDTH),
                Math.min(reach / 4, (high - minP) / 3.0));
        double upS = Math.max(
                Math.max(touchPct * Math.max(Math.abs(low), Math.abs(maxP)), 0.5 * MIN_WIDTH),
                Math.min(reach / 4, (maxP - low) / 3.0));
        // slack so that rounding in the bounds can only widen the bands
        double slack = 1e-9 * (Math.abs(low) + Math.abs(high) + upR + downS + downR + upS);
        long r = lines.floors(Math.nextDown(high - downR - slack), high + upR + slack);
        long s = lines.floors(Math.nextDown(low - downS - slack), low + upS + slack);
        // the lines within each band: positions [fR, tR] and [fS, tS] (empty when f > t)
        int fR = (int) (r >>> 32);
        int tR = (int) r - 1;
        int fS = (int) (s >>> 32);
        int tS = (int) s - 1;
        // a zone [zs, ze] meets a band iff zs ≤ t and ze ≥ f; one pass covers every such zone of both bands
        int from = zoneStart(lines, Math.min(fR, fS), tolKey);
        int to = zoneEnd(lines, Math.max(tR, tS), tolKey);
        if (from > to) {
            return;
        }
        boolean fast = Math.max(Math.max(Math.abs(minP), Math.abs(maxP)), Math.max(Math.abs(low), Math.abs(high)))
                < FAST_LIMIT;
        walkStrong(bar, high, low, tolKey, lines, from, to, fast, fR, tR, fS, tS);
    }

    /** The first position of the zone holding position {@code from} (or of the zone crossing below it). */
    private static int zoneStart(SortedLines lines, int from, long tolKey) {
        int n = lines.size();
        while (from > 0 && from < n && lines.chainedToNext(from - 1, tolKey)) {
            from--;
        }
        return from;
    }

    /** The last position of the zone holding position {@code to} (or of the zone crossing above it). */
    private static int zoneEnd(SortedLines lines, int to, long tolKey) {
        int n = lines.size();
        while (to >= 0 && to + 1 < n && lines.chainedToNext(to, tolKey)) {
            to++;
        }
        return to;
    }

    /** Every zone of positions [from, to] (only needed when single lines count as zones). */
    private void walkAll(int bar, double high, double low, long tol, SortedLines lines, int from, int to) {
        int[] ids = lines.order;
        double[] px = lines.sorted;
        int k = from;
        while (k <= to) {
            int zs = k;
            while (k < to && lines.chainedToNext(k, tol)) {
                k++;
            }
            if (k - zs + 1 >= p.terminationMinZoneStrength()) {
                int r = check(ids[zs] & 1, px[zs], px[k], high, low);
                if (r != NONE) {
                    emit(bar, ids, zs, k, r);
                }
            }
            k++;
        }
    }

    /**
     * The zones of two lines or more in positions [from, to]. First a straight-line pass marks in a bit set every
     * position that ends a zone (not chained to the next line); then only runs that contain an unmarked position —
     * zones of at least two lines — are visited, found with bit arithmetic. Zone boundaries are data-dependent coin
     * flips, so this replaces about two mispredicted branches per zone by a few instructions per line.
     */
    private void walkStrong(
            int bar,
            double high,
            double low,
            long tol,
            SortedLines lines,
            int from,
            int to,
            boolean fast,
            int fromR,
            int toR,
            int fromS,
            int toS) {
        int[] ids = lines.order;
        double[] px = lines.sorted;
        long[] link = lines.link;
        int len = to - from + 1;
        int words = (len + 63) >>> 6;
        if (ends.length < words) {
            ends = new long[Math.max(words, ends.length * 2)];
        }
        // without a NaN the window is in ascending price order, so every link (a gap's key, or the largest long)
        // is ≥ 0
        boolean monotone = !lines.hasNaN();
        long tk = Math.max(tol, -1L);
        if (types.length < words) {
            types = new long[Math.max(words, types.length * 2)];
        }
        for (int w = 0; w < words; w++) {
            long bits = 0;
            long support = 0;
            int base = from + (w << 6);
            int stop = Math.min(to, base + 63);
            if (monotone) {
                for (int k = base; k <= stop; k++) {
                    // link ≥ 0 and tk ≥ −1, so tk − link does not overflow; its sign bit is link > tolerance (with
                    // the type bits beside it, the compare measured about 50 ns a bar slower: a mispredicted branch)
                    bits |= ((tk - link[k]) >>> 63) << (k - base);
                    support |= (long) (ids[k] & DrummondLines.SUPPORT) << (k - base);
                }
            } else {
                for (int k = base; k <= stop; k++) {
                    bits |= (link[k] <= tol ? 0L : 1L) << (k - base);
                    support |= (long) (ids[k] & DrummondLines.SUPPORT) << (k - base);
                }
            }
            ends[w] = bits;
            types[w] = support;
        }
        int lastBit = len - 1;
        ends[lastBit >>> 6] |= 1L << (lastBit & 63);
        // zones that end at or after f start at or after the start of the zone holding f
        int startR = startOf(fromR - from);
        int startS = startOf(fromS - from);
        int minStrength = p.terminationMinZoneStrength();
        long carry = 1L; // position -1 ends a zone: position 0 may start one
        for (int w = 0; w < words; w++) {
            long e = ends[w];
            long starts = ~e & ((e << 1) | carry);
            carry = e >>> 63;
            int valid = len - (w << 6);
            if (valid < 64) {
                starts &= (1L << valid) - 1;
            }
            // only zones of each band's type: resistance starts in [startR, toR], support starts in [startS, toS]
            long t = types[w];
            starts &= (range(w << 6, startR, toR - from) & ~t) | (range(w << 6, startS, toS - from) & t);
            while (starts != 0) {
                int s = (w << 6) + Long.numberOfTrailingZeros(starts);
                starts &= starts - 1;
                int end = nextEnd(s);
                if (end - s + 1 >= minStrength) {
                    int type = ids[from + s] & 1;
                    double lo = px[from + s];
                    double hi = px[from + end];
                    int r = fast ? checkFast(type, lo, hi, high, low) : check(type, lo, hi, high, low);
                    if (r == APPROACH) {
                        emit(bar, ids, from + s, from + end, r);
                    } else {
                        // a touch (r = 2) or nothing (r = 0): the row is written either way and kept for a touch,
                        // which spares two coin-flip branches per zone; touch direction −approach = 2 × type − 1
                        out.addIf(r >> 1, PatternType.TERMINATION_TOUCH, 2 * type - 1, bar, bar, end - s + 1, bar);
                    }
                }
            }
        }
    }

    /** Bits j of a word whose offsets {@code base + j} lie in [a, b] (none when a &gt; b), without a branch. */
    private static long range(int base, int a, int b) {
        int lo = Math.min(Math.max(a - base, 0), 64);
        int hi = Math.min(Math.max(b - base, -1), 63);
        long atLeast = (-1L << (lo & 63)) & ~(-(long) (lo >>> 6));
        long atMost = (-1L >>> ((63 - hi) & 63)) & ~(long) (hi >> 31);
        return atLeast & atMost;
    }

    /**
     * Offset of the first line of the zone holding offset {@code f} of the pass ({@code f ≤} the pass's length;
     * the pass starts a zone): one past the last zone end below {@code f}, or 0.
     */
    private int startOf(int f) {
        if (f <= 0) {
            return 0;
        }
        int w = (f - 1) >>> 6;
        long m = ends[w] & (-1L >>> (63 - ((f - 1) & 63)));
        while (m == 0 && w > 0) {
            m = ends[--w];
        }
        return m == 0 ? 0 : (w << 6) + 63 - Long.numberOfLeadingZeros(m) + 1;
    }

    /** First zone end at or after offset {@code s} (the pass's last position always ends a zone). */
    private int nextEnd(int s) {
        int w = s >>> 6;
        long m = ends[w] & (-1L << (s & 63));
        while (m == 0) {
            m = ends[++w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(m);
    }

    /** Emits the event of the zone at positions [from, to] with result {@code r}; the anchor is its earliest line. */
    void emit(int bar, int[] ids, int from, int to, int r) {
        int strength = to - from + 1;
        int approachDir = (ids[from] & 1) == DrummondLines.RESISTANCE ? 1 : -1;
        if (r == TOUCH) {
            out.add(PatternType.TERMINATION_TOUCH, -approachDir, bar, bar, strength, bar);
            return;
        }
        int anchor = ids[from];
        for (int k = from + 1; k <= to; k++) {
            anchor = Math.min(anchor, ids[k]);
        }
        if (!active[anchor]) {
            out.add(PatternType.TERMINATION_APPROACH, approachDir, bar, bar, strength, bar);
        }
        if (nextCount == nextList.length) {
            nextList = Arrays.copyOf(nextList, nextCount * 2);
        }
        nextList[nextCount++] = anchor;
    }

    /**
     * The reference's behaviour, for verification only: every bar is checked against one fixed zone set (in the
     * reference, zones from all lines, future ones included); the zone index is the approach identity.
     */
    static PatternEvents scanFixedZones(PatternParams p, ZoneSet zones, double[] high, double[] low, int bars) {
        PatternEvents events = new PatternEvents();
        TerminationDetector d = new TerminationDetector(p, events);
        boolean[] approaching = new boolean[zones.size()];
        for (int i = 0; i < bars; i++) {
            for (int z = 0; z < zones.size(); z++) {
                if (zones.strength()[z] < p.terminationMinZoneStrength()) {
                    continue;
                }
                int type = zones.type()[z];
                int r = d.check(type, zones.lower()[z], zones.upper()[z], high[i], low[i]);
                int approachDir = type == DrummondLines.RESISTANCE ? 1 : -1;
                if (r == TOUCH) {
                    events.add(PatternType.TERMINATION_TOUCH, -approachDir, i, i, zones.strength()[z], i);
                    approaching[z] = false;
                } else if (r == APPROACH) {
                    if (!approaching[z]) {
                        events.add(PatternType.TERMINATION_APPROACH, approachDir, i, i, zones.strength()[z], i);
                    }
                    approaching[z] = true;
                } else {
                    approaching[z] = false;
                }
            }
        }
        return events;
    }
}
