package io.dgas.calc.drummond;

/**
 * One timeframe's envelope candidates of a row window (drummond.md §6: each row's upper, lower and centre), each type
 * sorted by (price, row), kept while the window slides: a replay's window moves one row per bar, so the row that left
 * is taken out and the new row put in its place among 20, instead of sorting all the rows at every bar.
 *
 * <p>Design note: the candidates are a function of the rows' upper, lower, centre and width, the timeframe weight and
 * the tolerance percentage. The rows still held are compared bit for bit with the values they were added with, and
 * any difference (a replaced last bar, another series, other settings, a window that did not only slide forward)
 * rebuilds the runs from the rows. Rows come in ascending order and a new row is inserted after every candidate of
 * its type at or below its price, so equal prices stay in row order: the order {@link ConfluenceZones} gives the same
 * candidates by (price, entry). Not thread-safe.
 */
final class EnvelopeRuns {
    /** More rows leaving or entering at once than this and the runs are rebuilt. */
    private static final int MAX_SLIDE = 8;

    private final ConfluenceSweep.Run[] runs = {
        new ConfluenceSweep.Run(), new ConfluenceSweep.Run(), new ConfluenceSweep.Run()
    };
    private long weightBits;
    private long pctBits;
    private double weight;
    private double pct;
    /** Rows held: {@code [lo, hi]} (empty when hi < lo). */
    private int lo;

    private int hi = -1;
    /** The held rows' upper, lower, centre and width, by row modulo the ring's length (a power of two). */
    private double[] ring = new double[4 * 32];

    private final ConfluenceZones.EnvelopeSink sink = this::insert;
    private int adding;

    /** Type {@code t}'s candidates in (price, row) order. */
    ConfluenceSweep.Run run(int t) {
        return runs[t];
    }

    /** Brings the runs to the rows {@code from..to} of {@code a} (rows before 0 do not exist). */
    void at(DrummondAnalysis a, double tfWeight, double tolerancePct, int from, int to) {
        int nlo = Math.max(from, 0);
        // rows are compared by value, not the analysis by identity: a warm cycle's views of one series are new objects
        boolean same = Double.doubleToRawLongBits(tfWeight) == weightBits
                && Double.doubleToRawLongBits(tolerancePct) == pctBits;
        if (same
                && hi >= lo
                && nlo >= lo
                && to >= hi
                && nlo <= hi + 1
                && nlo - lo + to - hi <= MAX_SLIDE
                && 4 * (to - nlo + 1) <= ring.length
                && unchanged(a, nlo, hi)) {
            for (int r = lo; r < nlo; r++) {
                for (ConfluenceSweep.Run run : runs) {
                    remove(run, r);
                }
            }
            lo = nlo;
            for (int r = hi + 1; r <= to; r++) {
                add(a, r);
            }
            hi = to;
            return;
        }
        weight = tfWeight;
        pct = tolerancePct;
        weightBits = Double.doubleToRawLongBits(tfWeight);
        pctBits = Double.doubleToRawLongBits(tolerancePct);
        for (ConfluenceSweep.Run run : runs) {
            run.count = 0;
        }
        int rows = Math.max(to - nlo + 1, 0);
        if (4 * (rows + MAX_SLIDE) > ring.length) {
            ring = new double[4 * Integer.highestOneBit(2 * (rows + MAX_SLIDE))];
        }
        lo = nlo;
        hi = to;
        for (int r = nlo; r <= to; r++) {
            add(a, r);
        }
    }

    /**
     * Whether the runs are those of rows {@code from..to} of {@code a} (rows before 0 do not exist) as they are now: the
     * same rows, each bit for bit as it was added (of this analysis or of another view of the same bars).
     */
    boolean holds(DrummondAnalysis a, int from, int to) {
        return Math.max(from, 0) == lo && to == hi && unchanged(a, lo, hi);
    }

    /** Whether rows {@code from..to} of {@code a} hold the values they were added with. */
    private boolean unchanged(DrummondAnalysis a, int from, int to) {
        int mask = ring.length / 4 - 1;
        for (int r = from; r <= to; r++) {
            if (!sameRow(a, r, ring, 4 * (r & mask))) {
                return false;
            }
        }
        return true;
    }

    /** Adds row {@code r}'s candidates and keeps its values. */
    private void add(DrummondAnalysis a, int r) {
        int o = 4 * (r & (ring.length / 4 - 1));
        ring[o] = a.upper()[r];
        ring[o + 1] = a.lower()[r];
        ring[o + 2] = a.pldot()[r];
        ring[o + 3] = a.width()[r];
        adding = r;
        ConfluenceZones.envelopeCandidates(weight, a.upper(), a.lower(), a.pldot(), a.width(), r, r, sink);
    }

    /** Inserts a candidate of the row being added after every one of its type at or below its price. */
    private void insert(int t, double p, double w, double vol) {
        if (!Double.isFinite(p)) {
            return;
        }
        ConfluenceSweep.Run run = runs[t];
        int c = run.count;
        run.reserve(c + 1);
        int at = c;
        while (at > 0 && run.price[at - 1] > p) {
            at--;
        }
        shift(run, at, at + 1, c - at);
        run.price[at] = p;
        run.tol[at] = ConfluenceZones.tolerance(p, vol, pct);
        run.weight[at] = w;
        run.row[at] = adding;
        run.count = c + 1;
    }

    /** Takes row {@code r}'s candidate (if any) out of {@code run}. */
    private static void remove(ConfluenceSweep.Run run, int r) {
        for (int k = 0; k < run.count; k++) {
            if (run.row[k] == r) {
                shift(run, k + 1, k, run.count - k - 1);
                run.count--;
                return;
            }
        }
    }

    private static void shift(ConfluenceSweep.Run run, int from, int to, int n) {
        System.arraycopy(run.price, from, run.price, to, n);
        System.arraycopy(run.tol, from, run.tol, to, n);
        System.arraycopy(run.weight, from, run.weight, to, n);
        System.arraycopy(run.row, from, run.row, to, n);
    }

    /**
     * Whether envelope row {@code r} of {@code a} holds, bit for bit, the upper, lower, centre and width kept at
     * {@code held[o..o + 3]}.
     */
    static boolean sameRow(DrummondAnalysis a, int r, double[] held, int o) {
        return bits(a.upper()[r]) == bits(held[o])
                && bits(a.lower()[r]) == bits(held[o + 1])
                && bits(a.pldot()[r]) == bits(held[o + 2])
                && bits(a.width()[r]) == bits(held[o + 3]);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
