package io.dgas.calc.drummond;

/**
 * Envelope around the PLdot, drummond.md §2.
 *
 * <p>Design notes: one row per PLdot row (bar ≥ 2); the offset at bar i uses only PLdot rows and bars ≤ i, so every
 * row is a pure function of a bounded window and can be recomputed for a replaced last bar. {@code pldot_range} is
 * the sample (n−1) standard deviation of the last {@code period} PLdots (two-pass for accuracy); {@code hlc_range}
 * half the high–low range of the last {@code period} rows; both NaN for the first period−1 rows. {@code atr} averages
 * the true range over the last ≤ period rows, the first row's TR being H−L (the row before has no PLdot row);
 * {@code percentage} is centre × percent. O(period) per bar, no allocation.
 */
public final class Envelope {
    private Envelope() {}

    /** Offset (half width) at bar {@code i} given PLdots in {@code pldot}; NaN during warm-up. */
    public static double offset(EnvelopeParams p, double[] high, double[] low, double[] close, double[] pldot, int i) {
        int row = i - PlDot.WARM_UP;
        if (row < 0) {
            return Double.NaN;
        }
        // small dispatcher so the JIT inlines it into per-bar loops; each method stays small too
        EnvelopeMethod m = p.method();
        if (m == EnvelopeMethod.PLDOT_RANGE) {
            return row < p.period() - 1 ? Double.NaN : pldotRange(p, pldot, i);
        }
        if (m == EnvelopeMethod.HLC_RANGE) {
            return row < p.period() - 1 ? Double.NaN : hlcRange(p, high, low, i);
        }
        if (m == EnvelopeMethod.ATR) {
            return atr(p, high, low, close, i);
        }
        return pldot[i] * p.percent();
    }

    private static double pldotRange(EnvelopeParams p, double[] pldot, int i) {
        int period = p.period();
        if (period == 3) {
            return range3(pldot[i - 2], pldot[i - 1], pldot[i]) * p.multiplier();
        }
        double mean = 0;
        for (int k = i - period + 1; k <= i; k++) {
            mean += pldot[k];
        }
        mean /= period;
        double ss = 0;
        for (int k = i - period + 1; k <= i; k++) {
            double d = pldot[k] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (period - 1)) * p.multiplier();
    }

    private static double hlcRange(EnvelopeParams p, double[] high, double[] low, int i) {
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        for (int k = i - p.period() + 1; k <= i; k++) {
            hi = Math.max(hi, high[k]);
            lo = Math.min(lo, low[k]);
        }
        return (hi - lo) / 2.0 * p.multiplier();
    }

    private static double atr(EnvelopeParams p, double[] high, double[] low, double[] close, int i) {
        int from = Math.max(PlDot.WARM_UP, i - p.period() + 1);
        double sum = 0;
        for (int k = from; k <= i; k++) {
            sum += k == PlDot.WARM_UP ? high[k] - low[k] : trueRange(high, low, close, k);
        }
        return sum / (i - from + 1) * p.multiplier();
    }

    /** Sample std of three values, same operation order as the general loop (so results are bitwise equal). */
    private static double range3(double a, double b, double c) {
        double mean = (a + b + c) / 3;
        double da = a - mean;
        double db = b - mean;
        double dc = c - mean;
        return Math.sqrt((da * da + db * db + dc * dc) / 2);
    }

    static double trueRange(double[] high, double[] low, double[] close, int k) {
        double prev = close[k - 1];
        return Math.max(high[k] - low[k], Math.max(Math.abs(high[k] - prev), Math.abs(low[k] - prev)));
    }

    /** Position of {@code close} in [lower, lower + width], clamped to [0, 1]; see §2 for a zero width. */
    public static double position(double close, double lower, double width) {
        if (Double.isNaN(width)) {
            return Double.NaN;
        }
        if (width == 0) {
            return close > lower ? 1.0 : close < lower ? 0.0 : Double.NaN;
        }
        return Math.max(0.0, Math.min(1.0, (close - lower) / width));
    }
}
