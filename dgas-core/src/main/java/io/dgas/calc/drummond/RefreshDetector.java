package io.dgas.calc.drummond;

/**
 * PLdot refresh, drummond.md §4.2.
 *
 * <p>Design notes: tolerance = base + population std of the last {@code lookback} PLdots (once that many exist) ×
 * multiplier. Far bars (|close − PLdot| &gt; tolerance, side ≠ 0) form a run, restarted by a side change; the first
 * non-far bar closes the run and emits (direction −side, first far bar to this bar, strength run + 1) when
 * minFar ≤ run ≤ max(maxReturn, minFar) and the largest distance ≥ minExtension. O(lookback) per bar.
 */
final class RefreshDetector {
    private final PatternParams p;
    private final PatternEvents out;
    private int side;
    private int start;
    private int run;
    private double maxDist;
    private final double[] saved = new double[4];

    RefreshDetector(PatternParams p, PatternEvents out) {
        this.p = p;
        this.out = out;
    }

    void save() {
        saved[0] = side;
        saved[1] = start;
        saved[2] = run;
        saved[3] = maxDist;
    }

    void restore() {
        side = (int) saved[0];
        start = (int) saved[1];
        run = (int) saved[2];
        maxDist = saved[3];
    }

    void step(int i, double close, double[] pldot) {
        double tolerance = p.refreshBaseTolerance();
        int lookback = p.refreshVolatilityLookback();
        if (i - PlDot.WARM_UP + 1 >= lookback) {
            double mean = 0;
            for (int k = i - lookback + 1; k <= i; k++) {
                mean += pldot[k];
            }
            mean /= lookback;
            double ss = 0;
            for (int k = i - lookback + 1; k <= i; k++) {
                double d = pldot[k] - mean;
                ss += d * d;
            }
            tolerance += Math.sqrt(ss / lookback) * p.refreshVolatilityMultiplier();
        }
        double diff = close - pldot[i];
        int s = (int) Math.signum(diff);
        double dist = Math.abs(diff);
        if (dist > tolerance && s != 0) {
            if (run == 0 || s != side) {
                side = s;
                start = i;
                run = 0;
                maxDist = 0;
            }
            run++;
            maxDist = Math.max(maxDist, dist);
            return;
        }
        if (run > 0) {
            int maxRun = Math.max(p.refreshMaxReturnBars(), p.refreshMinFarBars());
            if (run >= p.refreshMinFarBars() && run <= maxRun && maxDist >= p.refreshMinExtension()) {
                out.add(PatternType.PLDOT_REFRESH, -side, start, i, run + 1, i);
            }
        }
        run = 0;
        side = 0;
        maxDist = 0;
    }
}
