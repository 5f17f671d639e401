package io.dgas.calc.drummond;

/**
 * The termination search over the zones a {@link ZoneTracker} keeps (drummond.md §4.6): the zones in the price range
 * a zone no wider than the tracker's θ can reach from the bar, plus the wide zones wherever they are, in ascending
 * price as the exact search visits them.
 *
 * <p>Design notes: a zone at distance X below the bar's low qualifies only if X ≤ max(pct × |centre|, 2 × width,
 * 2 × 0.01) with |centre| ≤ max(|low|, |lowest line|) (pct the larger of the approach and touch fractions; see
 * {@link TerminationDetector}); for width ≤ θ that is X ≤ max(pct × max(|low|, |lowest line|), 2θ, 0.02); the same
 * above the high. The range is widened to whole zones with the tracker's end marks, and its zones of at least two
 * lines are found with bit arithmetic (a start is an unmarked position after a marked one). The wide zones outside
 * the range come from the tracker's wide marks (about three a bar on random walks). θ is half the percentage reach of
 * the current price; the tracker is rebuilt when the price has drifted by more than a factor of two from the θ it was
 * built with (any θ gives the same events, only the range's size changes). Allocates nothing.
 */
final class TrackedSearch {
    private static final double MIN_WIDTH = 0.01;

    private final TerminationDetector detector;
    private final ZoneTracker zones;
    private final PatternParams p;

    TrackedSearch(TerminationDetector detector, ZoneTracker zones, PatternParams p) {
        this.detector = detector;
        this.zones = zones;
        this.p = p;
    }

    /** Bar {@code bar} against the window's zones at tolerance {@code tol}; every price finite, low ≤ high. */
    void run(int bar, double high, double low, double tol, SortedLines lines) {
        int n = lines.size();
        double pct = Math.max(p.terminationApproachPct(), p.terminationTouchPct());
        long tolKey = SortedLines.toleranceKey(tol);
        double ref = pct * Math.max(Math.abs(low), Math.abs(high)) / 2;
        if (!zones.built() || !(zones.theta >= ref / 2 && zones.theta <= ref * 2)) {
            zones.rebuild(tolKey, ref);
        } else {
            zones.sync(tolKey);
        }
        double[] px = lines.sorted;
        double theta2 = 2 * zones.theta;
        double downReach = Math.max(Math.max(pct * Math.max(Math.abs(low), Math.abs(px[0])), 2 * MIN_WIDTH), theta2);
        double upReach = Math.max(Math.max(pct * Math.max(Math.abs(high), Math.abs(px[n - 1])), 2 * MIN_WIDTH), theta2);
        // slack so that rounding in the reach can only widen the range
        double slack = 1e-9 * (Math.abs(low) + Math.abs(high) + downReach + upReach);
        int from = lines.floor(Math.nextDown(low - downReach - slack)) + 1;
        int to = lines.floor(high + upReach + slack);
        if (from < n) {
            from = zones.prevEnd(from - 1) + 1;
        }
        if (to >= 0) {
            to = zones.nextEnd(to);
        }
        wideZones(bar, high, low, lines, 0, Math.min(from, n) - 1);
        if (from <= to) {
            rangeZones(bar, high, low, lines, from, to);
        }
        wideZones(bar, high, low, lines, Math.max(to, from - 1) + 1, n - 1);
    }

    /** Zones of at least minStrength lines that start and end in positions [from, to] (from starts one, to ends one). */
    private void rangeZones(int bar, double high, double low, SortedLines lines, int from, int to) {
        long[] ends = zones.ends;
        int minStrength = p.terminationMinZoneStrength();
        for (int w = from >>> 6, last = to >>> 6; w <= last; w++) {
            long e = ends[w];
            long starts = ~e & ((e << 1) | (w > 0 ? ends[w - 1] >>> 63 : 1L)) & ZoneTracker.wordMask(w, from, to);
            while (starts != 0) {
                int s = (w << 6) + Long.numberOfTrailingZeros(starts);
                starts &= starts - 1;
                int end = zones.nextEnd(s);
                if (end - s + 1 >= minStrength) {
                    test(bar, high, low, lines, s, end);
                }
            }
        }
    }

    /** The tracker's wide zones whose end lies in positions [from, to]. */
    private void wideZones(int bar, double high, double low, SortedLines lines, int from, int to) {
        if (from > to) {
            return;
        }
        long[] wide = zones.wide;
        for (int w = from >>> 6, last = to >>> 6; w <= last; w++) {
            long m = wide[w] & ZoneTracker.wordMask(w, from, to);
            while (m != 0) {
                int e = (w << 6) + Long.numberOfTrailingZeros(m);
                m &= m - 1;
                test(bar, high, low, lines, zones.prevEnd(e - 1) + 1, e);
            }
        }
    }

    private void test(int bar, double high, double low, SortedLines lines, int s, int e) {
        int[] ids = lines.order;
        double[] px = lines.sorted;
        int r = detector.check(ids[s] & 1, px[s], px[e], high, low);
        if (r != TerminationDetector.NONE) {
            detector.emit(bar, ids, s, e, r);
        }
    }
}
