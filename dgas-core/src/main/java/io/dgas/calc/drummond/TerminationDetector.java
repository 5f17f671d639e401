package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Termination approach/touch, drummond.md §4.6.
 *
 * <p>Design notes: <b>[C]</b> at bar i only zones built from lines ending at or before bar i count (the caller keeps
 * exactly those lines in the {@link SortedLines}, further limited to the last {@code terminationLookbackBars} bars
 * when that is &gt; 0), chained with the tolerance of bar i (§5: same type, within tolerance of the previous line).
 * Zones are evaluated in ascending price, as the reference does, and a zone is identified across bars by its anchor,
 * its earliest line id, so "one approach event per active approach" survives zones being rebuilt every bar. An
 * anchor approached at bar i is stamped i + 2 ({@link #approached}): whether it was approached at the bar before is
 * one compare, and no list of active approaches is cleared and rebuilt each bar (the build before kept one).
 *
 * <p>The search is by price and touches only the zones that can qualify. A zone wholly below the low at distance X =
 * low − upper can be touched or approached only if X ≤ max(pct × |centre|, 2 × width, 2 × 0.01) (pct the larger of
 * the approach and touch fractions; 0.01 is §4.6's width for a zero-width zone), with |centre| ≤ max(|low|, |lowest
 * line|) and width ≤ upper − lowest line, i.e. X ≤ 2/3 × (low − lowest line); symmetrically above the high; and X ≤
 * 2 × width ≤ twice the widest zone of the window, an upper bound of which is kept as lines enter and leave. By type
 * ({@link #searchByType}, finite prices, zones of two lines or more) a resistance zone is judged by the high alone
 * and a support zone by the low alone, and below the high a resistance zone can only be touched (X ≤ max(touch pct ×
 * |centre|, width / 2, 0.005), so X ≤ span / 3), symmetrically above the low for support: each type has a band
 * around its own price, wide on the approach side and narrow on the touch side (a relative slack of 1e-9 absorbs
 * rounding: a band may only get wider). Two interleaved binary searches find each band's positions.
 *
 * <p>The zones themselves come from bit sets over the window's positions: a bit per position that ends a zone and a
 * bit per support line. {@link ZoneMarks} keeps both across bars, shifted as lines enter and leave and re-marked
 * where the tolerance crosses a link's gap, with the widest-zone bound; the build before derived them for each bar
 * over the positions the bands span ({@link ZoneBits#markPass}, about 88 a bar on the benchmark's bars, with
 * {@link ZoneWidthBound}), which a constructor flag still selects for same-run comparisons. {@link #walkZones} then
 * enumerates the zones of two lines or more whose start lies in a band of their type with bit arithmetic, in
 * ascending price: about 11 zone tests a bar (37 % none, 30 % approach, 33 % touch), the same zones and order either
 * way. With finite prices (below {@link ZoneCheck#FINITE_LIMIT}) a zone is tested and recorded without a branch
 * ({@link ZoneCheck#checkFinite}, then its
 * anchor, stamp and row whatever the result, the row kept by {@link PatternEvents#addIf}): about 10 ns a bar less
 * than {@link ZoneCheck#check}'s branches followed by a branch to record an approach, and an earlier branch-free
 * check that still branched on its result measured 15 ns a bar slower than those branches: the result is the coin
 * flip. Other prices take {@code check}.
 *
 * <p>The result equals building every zone of the window and testing each: {@code TerminationSearchTest} and
 * {@code TerminationEquivalenceTest} check it against a brute force, {@code TerminationRandomEquivalenceTest} over 48
 * regimes (ties, gaps, trends, scales, settings) against the brute force and every former search path, also with
 * forming bars replaced through the incremental analyzer, and {@code IncrementalAnalyzerTest} against batch runs.
 * Buffers grow geometrically and are reused: no allocation per bar in steady state.
 */
final class TerminationDetector {
    static final int NONE = 0;
    static final int APPROACH = 1;
    static final int TOUCH = 2;
    private static final int TOUCH_ROW = PatternType.TERMINATION_TOUCH.ordinal();
    private static final int APPROACH_ROW = PatternType.TERMINATION_APPROACH.ordinal();

    private final PatternParams p;
    private final PatternEvents out;
    private final ZoneCheck zone;

    /**
     * Per line id: bar + 2 when the zone anchored at that line was approached at that bar (0: never), so "approached
     * at the bar before" is one compare, with nothing to clear or carry from bar to bar.
     */
    private int[] approached = new int[64];
    /** The stamps the last step overwrote, as (anchor, former stamp) pairs: {@link #restore} undoes that step. */
    private int[] undo = new int[32];

    private int undoCount;
    /**
     * Whether this bar's prices and every indexed price are finite and below {@link ZoneCheck#FINITE_LIMIT} in
     * magnitude: zones are then tested without a branch ({@link ZoneCheck#checkFinite}).
     */
    private boolean branchFree;
    /** Per search: the positions of the band edges, {@link SortedLines#floors} + 1. */
    private final int[] bounds = new int[4];
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
    /** Zone marks kept across bars, or null: the marks are derived per bar over the pass (the build before). */
    private final ZoneMarks marks;

    /**
     * With {@code byType} off every zone of either type in one band around the bar is tested, with {@code kept} off the
     * zone marks are derived per bar over the pass instead of kept across bars ({@link ZoneMarks}); both off only for
     * comparisons ({@link DrummondEngine} ships them on).
     */
    TerminationDetector(PatternParams p, PatternEvents out, boolean widthBound, boolean byType, boolean kept) {
        this.p = p;
        this.out = out;
        this.zone = new ZoneCheck(p);
        this.widthBound = widthBound;
        this.byType = byType;
        this.marks = kept ? new ZoneMarks() : null;
    }

    /** Attaches what this detector keeps in step with the window it searches. */
    void attach(SortedLines window) {
        if (marks != null) {
            window.keep(marks);
        } else if (widthBound) {
            window.track(widths);
        }
    }

    /** Undoes the last step (its approach stamps back to what they were). */
    void restore() {
        for (int k = undoCount - 2; k >= 0; k -= 2) {
            approached[undo[k]] = undo[k + 1];
        }
        undoCount = 0;
    }

    /**
     * Evaluates bar {@code i} against the zones of the lines in {@code lines} ({@code price} indexed by line id),
     * chained with {@code tolerance}.
     */
    void step(int i, double high, double low, double tolerance, SortedLines lines, double[] price) {
        if (approached.length < price.length) {
            approached = Arrays.copyOf(approached, price.length);
        }
        undoCount = 0;
        if (lines.size() > 0) {
            search(i, high, low, tolerance, lines);
        }
    }

    /** One upward pass over the positions whose zones can qualify (bounds in the class notes). */
    private void search(int bar, double high, double low, double tol, SortedLines lines) {
        int n = lines.size();
        // a zone at distance X beyond the bar qualifies only if X ≤ max(pct × |centre|, 2 × width, 2 × 0.01), and its
        // width is at most the span left beyond it: X ≤ 2 × (span − X) gives X ≤ 2/3 × span
        double minP = lines.price(0);
        double maxP = lines.price(n - 1);
        double pct = Math.max(p.terminationApproachPct(), p.terminationTouchPct());
        // ... and X ≤ 2 × width ≤ twice the widest zone (+∞ while unknown, which leaves the span bound)
        if (marks != null) {
            marks.retolerance(tol);
        }
        double reach = !widthBound
                ? Double.POSITIVE_INFINITY
                : 2 * (marks != null ? marks.widest(bar, tol) : widths.at(bar, tol));
        long tolKey = SortedLines.toleranceKey(tol);
        // approach side: X ≤ max(pct × |centre|, 2 × width'), width' ≥ 0.01, width ≤ span − X
        double downBound = Math.max(
                Math.max(pct * Math.max(Math.abs(low), Math.abs(minP)), 2 * ZoneCheck.MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (low - minP)));
        double upBound = Math.max(
                Math.max(pct * Math.max(Math.abs(high), Math.abs(maxP)), 2 * ZoneCheck.MIN_WIDTH),
                Math.min(reach, 2.0 / 3.0 * (maxP - high)));
        boolean finite = lines.allFinite() && Double.isFinite(low) && Double.isFinite(high);
        branchFree = finite
                && Math.max(Math.max(Math.abs(minP), Math.abs(maxP)), Math.max(Math.abs(low), Math.abs(high)))
                        < ZoneCheck.FINITE_LIMIT;
        if (byType && finite && p.terminationMinZoneStrength() >= 2) {
            searchByType(bar, high, low, tolKey, lines, minP, maxP, reach, upBound, downBound);
            return;
        }
        // slack so that rounding in the bounds can only widen the pass
        double slack = 1e-9 * (Math.abs(low) + Math.abs(high) + downBound + upBound);
        double lowest = Math.nextDown(low - downBound - slack);
        double highest = high + upBound + slack;
        lines.floors(lowest, highest, lowest, highest, bounds);
        int from = zoneStart(lines, bounds[0], tolKey);
        int to = zoneEnd(lines, bounds[1] - 1, tolKey);
        if (from > to) {
            return;
        }
        if (p.terminationMinZoneStrength() < 2) {
            walkAll(bar, high, low, tolKey, lines, from, to);
        } else {
            if (marks != null) {
                walkZones(bar, high, low, lines, marks.ends, marks.types, 0, from, to, from, to);
            } else {
                walkPass(bar, high, low, tolKey, lines, from, to, from, to, from, to);
            }
        }
    }

    /**
     * The pass over finite prices, by type: a resistance zone is tested against the high alone and a support zone
     * against the low alone (§4.6), so each type has its own band, wide on the approach side and narrow on the touch
     * side (bounds in the class notes); one pass covers both bands and tests only the zones of each band's type.
     * {@code upR} and {@code downS} are the approach sides' bounds {@link #search} computed (above the high for
     * resistance, below the low for support).
     */
    private void searchByType(
            int bar,
            double high,
            double low,
            long tolKey,
            SortedLines lines,
            double minP,
            double maxP,
            double reach,
            double upR,
            double downS) {
        double touchPct = p.terminationTouchPct();
        // touch side: X ≤ max(touch pct × |centre|, width' / 2), width ≤ span − X gives X ≤ span / 3
        double downR = Math.max(
                Math.max(touchPct * Math.max(Math.abs(high), Math.abs(minP)), 0.5 * ZoneCheck.MIN_WIDTH),
                Math.min(reach / 4, (high - minP) / 3.0));
        double upS = Math.max(
                Math.max(touchPct * Math.max(Math.abs(low), Math.abs(maxP)), 0.5 * ZoneCheck.MIN_WIDTH),
                Math.min(reach / 4, (maxP - low) / 3.0));
        // slack so that rounding in the bounds can only widen the bands
        double slack = 1e-9 * (Math.abs(low) + Math.abs(high) + upR + downS + downR + upS);
        int[] f = bounds;
        lines.floors(
                Math.nextDown(high - downR - slack),
                high + upR + slack,
                Math.nextDown(low - downS - slack),
                low + upS + slack,
                f);
        // the lines within each band: positions [fR, tR] and [fS, tS] (empty when f > t)
        int fR = f[0];
        int tR = f[1] - 1;
        int fS = f[2];
        int tS = f[3] - 1;
        if (marks != null) {
            walkZones(bar, high, low, lines, marks.ends, marks.types, 0, fR, tR, fS, tS);
            return;
        }
        // a zone [zs, ze] meets a band iff zs ≤ t and ze ≥ f; one pass covers every such zone of both bands
        int from = zoneStart(lines, Math.min(fR, fS), tolKey);
        int to = zoneEnd(lines, Math.max(tR, tS), tolKey);
        if (from > to) {
            return;
        }
        walkPass(bar, high, low, tolKey, lines, from, to, fR, tR, fS, tS);
    }

    /** The first position of the zone holding position {@code from} (or of the zone crossing below it). */
    private int zoneStart(SortedLines lines, int from, long tolKey) {
        int n = lines.size();
        while (from > 0 && from < n && chained(lines, from - 1, tolKey)) {
            from--;
        }
        return from;
    }

    /** The last position of the zone holding position {@code to} (or of the zone crossing above it). */
    private int zoneEnd(SortedLines lines, int to, long tolKey) {
        int n = lines.size();
        while (to >= 0 && to + 1 < n && chained(lines, to, tolKey)) {
            to++;
        }
        return to;
    }

    /** Whether positions k and k + 1 chain: from the kept marks, else from the window's links. */
    private boolean chained(SortedLines lines, int k, long tolKey) {
        return marks != null ? (marks.ends[k >>> 6] & (1L << k)) == 0 : lines.chainedToNext(k, tolKey);
    }

    /** Every zone of positions [from, to] (only needed when single lines count as zones). */
    private void walkAll(int bar, double high, double low, long tol, SortedLines lines, int from, int to) {
        int[] ids = lines.order;
        long[] px = lines.keys;
        int k = from;
        while (k <= to) {
            int zs = k;
            while (k < to && chained(lines, k, tol)) {
                k++;
            }
            if (k - zs + 1 >= p.terminationMinZoneStrength()) {
                test(bar, high, low, ids, px, zs, k);
            }
            k++;
        }
    }

    /**
     * The zones of two lines or more in positions [from, to], from marks derived for the pass alone
     * ({@link ZoneBits#markPass}; the build before kept none across bars).
     */
    private void walkPass(
            int bar,
            double high,
            double low,
            long tol,
            SortedLines lines,
            int from,
            int to,
            int fromR,
            int toR,
            int fromS,
            int toS) {
        int words = (to - from + 64) >>> 6;
        if (ends.length < words) {
            ends = new long[Math.max(words, ends.length * 2)];
            types = new long[ends.length];
        }
        ZoneBits.markPass(lines, from, to, tol, ends, types);
        walkZones(bar, high, low, lines, ends, types, from, fromR - from, toR - from, fromS - from, toS - from);
    }

    /**
     * The zones of two lines or more that meet the bands, in ascending order: resistance zones meeting [fR, tR] and
     * support zones meeting [fS, tS], offsets from {@code base} (bit j of {@code e} and {@code t} is position base +
     * j). A zone [zs, ze] meets band [f, t] iff zs ≤ t and ze ≥ f, i.e. it starts in [start of the zone holding f,
     * t]; zones of two lines or more start where a position does not end a zone but the one before does, found with
     * bit arithmetic, so singletons cost nothing and no branch falls on a zone boundary.
     */
    private void walkZones(
            int bar,
            double high,
            double low,
            SortedLines lines,
            long[] e,
            long[] t,
            int base,
            int fR,
            int tR,
            int fS,
            int tS) {
        int startR = ZoneBits.startOf(e, fR);
        int startS = ZoneBits.startOf(e, fS);
        int last = Math.max(tR, tS);
        int minStrength = p.terminationMinZoneStrength();
        int[] ids = lines.order;
        long[] px = lines.keys;
        for (int w = Math.min(startR, startS) >>> 6; w <= last >> 6; w++) {
            long ew = e[w];
            // offset −1 ends a zone: offset 0 may start one
            long starts = ~ew & ((ew << 1) | (w == 0 ? 1L : e[w - 1] >>> 63));
            int at = w << 6;
            long tw = t[w];
            starts &= (ZoneBits.range(at, startR, tR) & ~tw) | (ZoneBits.range(at, startS, tS) & tw);
            while (starts != 0) {
                int s = at + Long.numberOfTrailingZeros(starts);
                starts &= starts - 1;
                int end = ZoneBits.nextEnd(e, s);
                if (end - s + 1 >= minStrength) {
                    test(bar, high, low, ids, px, base + s, base + end);
                }
            }
        }
    }

    /** Tests the zone at positions [s, end] and records its event. */
    private void test(int bar, double high, double low, int[] ids, long[] px, int s, int end) {
        int type = ids[s] & 1;
        double lo = SortedLines.price(px[s]);
        double hi = SortedLines.price(px[end]);
        int r = branchFree ? zone.checkFinite(type, lo, hi, high, low) : zone.check(type, lo, hi, high, low);
        // the result is a coin flip: the zone's anchor (its earliest line) and stamp are read and its row written
        // whatever it is, the row kept for a touch or a new approach (not approached at the bar before, stamped
        // bar − 1 + 2); the anchor is the least of its first four ids without a branch, most zones having at most four
        int approach = r & APPROACH;
        int anchor = Math.min(
                Math.min(ids[s], ids[Math.min(s + 1, end)]),
                Math.min(ids[Math.min(s + 2, end)], ids[Math.min(s + 3, end)]));
        for (int k = s + 4; k <= end; k++) {
            anchor = Math.min(anchor, ids[k]);
        }
        int was = approached[anchor];
        int d = was ^ (bar + 1);
        int keep = (r >> 1) | (approach & ((d | -d) >>> 31));
        // touch direction 2 × type − 1 (−approach), approach direction 1 − 2 × type (+1 towards resistance)
        int dir = (2 * type - 1) * (1 - 2 * approach);
        out.addIf(keep, TOUCH_ROW + approach * (APPROACH_ROW - TOUCH_ROW), dir, bar, bar, end - s + 1, bar);
        stamp(anchor, was, approach != 0 ? bar + 2 : was);
    }

    /** Sets the approach stamp of {@code anchor}, formerly {@code was}, keeping the former for {@link #restore}. */
    private void stamp(int anchor, int was, int stamp) {
        if (undoCount + 2 > undo.length) {
            undo = Arrays.copyOf(undo, undo.length * 2);
        }
        undo[undoCount] = anchor;
        undo[undoCount + 1] = was;
        undoCount += 2;
        approached[anchor] = stamp;
    }
}
