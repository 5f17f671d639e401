package io.dgas.calc.drummond;

/**
 * Batch kernel for PLdot with the default {@code pldot_range} envelope (period 3), drummond.md §1–2, for callers that
 * need only those columns over a whole series (screens, benchmarks).
 *
 * <p>Design notes: one pass keeping the last typical prices and PLdots in registers; the arithmetic is the same, in
 * the same order, as {@link PlDot#fromTypical} and {@link Envelope#offset}, so results are bitwise equal to the
 * engine's. NaN where the engine has NaN. O(1) per bar, no allocation.
 */
public final class PlDotBands {
    private PlDotBands() {}

    /** Fills {@code pldot}, {@code upper} and {@code lower} for bars {@code [0, n)}. */
    public static void compute(
            double[] high,
            double[] low,
            double[] close,
            int n,
            double multiplier,
            double[] pldot,
            double[] upper,
            double[] lower) {
        double t0 = Double.NaN;
        double t1 = Double.NaN;
        double p0 = Double.NaN;
        double p1 = Double.NaN;
        for (int i = 0; i < n; i++) {
            double t2 = (high[i] + low[i] + close[i]) / 3.0;
            if (i < PlDot.WARM_UP) {
                pldot[i] = Double.NaN;
                upper[i] = Double.NaN;
                lower[i] = Double.NaN;
            } else {
                double p2 = (t0 + t1 + t2) / 3.0;
                pldot[i] = p2;
                if (i < PlDot.WARM_UP + 2) {
                    upper[i] = Double.NaN;
                    lower[i] = Double.NaN;
                } else {
                    double mean = (p0 + p1 + p2) / 3;
                    double d0 = p0 - mean;
                    double d1 = p1 - mean;
                    double d2 = p2 - mean;
                    double off = Math.sqrt((d0 * d0 + d1 * d1 + d2 * d2) / 2) * multiplier;
                    upper[i] = p2 + off;
                    lower[i] = p2 - off;
                }
                p0 = p1;
                p1 = p2;
            }
            t0 = t1;
            t1 = t2;
        }
    }
}
