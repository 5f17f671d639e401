package io.dgas.calc.drummond;

/**
 * Exhaust, drummond.md §4.3.
 *
 * <p>Design notes: on envelope rows with width &gt; 0 (otherwise the run resets), extension beyond the band in widths
 * ≥ {@code extension} extends the run (a direction flip restarts it) and zeroes recovery; any other row of an active
 * run counts recovery. When the close is back across the edge the run broke (≤ upper after an up-run, ≥ lower
 * after a down-run, so a close straight through the band counts) with run ≥ minBars, recovery ≤ maxRecovery, reversion
 * from the run's extreme close ≥ minReversion widths, the last run bar's slope in the run's direction and the
 * re-entry slope not, the event (direction −dir, strength run) is emitted. Recovery beyond maxRecovery resets.
 * O(1) per bar.
 */
final class ExhaustDetector {
    private final PatternParams p;
    private final PatternEvents out;
    private int dir;
    private int start;
    private int run;
    private int recovery;
    private double extreme;
    private double lastRunSlope;
    private final double[] saved = new double[6];

    ExhaustDetector(PatternParams p, PatternEvents out) {
        this.p = p;
        this.out = out;
    }

    void save() {
        saved[0] = dir;
        saved[1] = start;
        saved[2] = run;
        saved[3] = recovery;
        saved[4] = extreme;
        saved[5] = lastRunSlope;
    }

    void restore() {
        dir = (int) saved[0];
        start = (int) saved[1];
        run = (int) saved[2];
        recovery = (int) saved[3];
        extreme = saved[4];
        lastRunSlope = saved[5];
    }

    private void reset() {
        dir = 0;
        run = 0;
        recovery = 0;
    }

    void step(int i, double close, double upper, double lower, double width, double slope) {
        if (!(width > 0)) {
            reset();
            return;
        }
        double above = (close - upper) / width;
        double below = (lower - close) / width;
        int d = above >= p.exhaustExtension() ? 1 : below >= p.exhaustExtension() ? -1 : 0;
        if (d != 0) {
            if (run > 0 && d != dir) {
                reset();
            }
            if (run == 0) {
                dir = d;
                start = i;
                extreme = close;
            }
            run++;
            recovery = 0;
            extreme = d > 0 ? Math.max(extreme, close) : Math.min(extreme, close);
            lastRunSlope = slope;
            return;
        }
        if (run == 0) {
            return;
        }
        recovery++;
        // back across the edge the run broke: a close that snaps through the band to the other side counts too
        boolean back = dir > 0 ? close <= upper : close >= lower;
        if (back && run >= p.exhaustMinBars() && recovery <= p.exhaustMaxRecovery()) {
            double reversion = dir > 0 ? (extreme - close) / width : (close - extreme) / width;
            if (reversion >= p.exhaustMinReversion() && lastRunSlope * dir > 0 && slope * dir <= 0) {
                out.add(PatternType.EXHAUST, -dir, start, i, run, i);
                reset();
                return;
            }
        }
        if (recovery > p.exhaustMaxRecovery()) {
            reset();
        }
    }
}
