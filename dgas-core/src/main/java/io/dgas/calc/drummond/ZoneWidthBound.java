package io.dgas.calc.drummond;

/**
 * An upper bound on the width of every zone of a {@link SortedLines} window (drummond.md §5), kept as lines enter and
 * leave, so the termination search (§4.6) reaches only as far beyond the bar as the widest zone could.
 *
 * <p>Design notes: zones at the bar's tolerance t are runs of the window chained at t. For a coarse tolerance T ≥ t
 * every such run lies inside a run chained at T (a link ≤ t is ≤ T), so the widest run at T bounds every zone at t.
 * {@link #scan} measures every run at T exactly; afterwards each change of the window widens the bound by the run
 * around every relinked position ({@link #widen}: a walk over that run, a few lines), which covers the runs a new
 * line joins or a removed line lets merge; a run only narrows otherwise, so the bound stays valid without a scan. A
 * bar whose tolerance exceeds T rescans with T = 1.25 × tolerance; so does a bar {@value #RESCAN_BARS} bars after the
 * last scan or whose tolerance fell below T / 2, which keeps the bound close to the true widest zone. The bound is
 * {@code +∞} before the first scan and whenever the window holds a price that is not finite; then the caller falls
 * back to its span bound. Allocates nothing.
 */
final class ZoneWidthBound {
    /** Bars between scans that tighten the bound. */
    static final int RESCAN_BARS = 32;

    private static final double COARSE = 1.25;

    private SortedLines lines;
    private long coarseKey = Long.MIN_VALUE;
    private double coarse = Double.NaN;
    private double width = Double.POSITIVE_INFINITY;
    private int scannedAt = Integer.MIN_VALUE;

    void attach(SortedLines lines) {
        this.lines = lines;
        coarseKey = Long.MIN_VALUE;
        width = Double.POSITIVE_INFINITY;
    }

    /**
     * The bound for bar {@code bar} at tolerance {@code tol}: no zone of the window chained at {@code tol} is wider.
     * Rescans when needed (see the class notes).
     */
    double at(int bar, double tol) {
        if (!lines.allFinite() || !(tol >= 0) || tol == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (!(tol <= coarse) || tol < coarse / 2 || bar - scannedAt >= RESCAN_BARS || bar < scannedAt) {
            scan(bar, tol * COARSE);
        }
        return width;
    }

    /** Measures every run chained at {@code t} exactly. */
    private void scan(int bar, double t) {
        coarse = t;
        coarseKey = SortedLines.toleranceKey(t);
        scannedAt = bar;
        long[] px = lines.keys;
        long[] link = lines.link;
        int n = lines.size();
        // within a run px[k] − px[start] only grows, so the maximum over every position is the widest run; no branch
        // on run ends (coin flips), only a conditional move of the start
        double w = 0;
        int s = 0;
        for (int k = 0; k < n; k++) {
            w = Math.max(w, SortedLines.price(px[k]) - SortedLines.price(px[s]));
            s = link[k] > coarseKey ? k + 1 : s;
        }
        width = w;
    }

    /** Position {@code k} was relinked (a line entered or left next to it): the run around it may have grown. */
    void widen(int k) {
        int n = lines.size();
        if (coarseKey == Long.MIN_VALUE || k < 0 || k >= n) {
            return;
        }
        if (!lines.allFinite()) {
            // the next at() returns +∞ and rescans once every price is finite again
            coarse = Double.NaN;
            return;
        }
        long[] link = lines.link;
        int s = k;
        while (s > 0 && link[s - 1] <= coarseKey) {
            s--;
        }
        int e = k;
        while (e + 1 < n && link[e] <= coarseKey) {
            e++;
        }
        width = Math.max(width, lines.price(e) - lines.price(s));
    }
}
