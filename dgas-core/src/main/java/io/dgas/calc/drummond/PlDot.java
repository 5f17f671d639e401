package io.dgas.calc.drummond;

/**
 * PLdot, drummond.md §1.
 *
 * <p>Design notes: tp = (H + L + C) / 3 and PLdot_i = mean(tp_{i−2..i}), defined from bar 2 (NaN before); slope_i =
 * PLdot_i − PLdot_{i−1}, 0 at bar 2. The value of bar i is projected d bars ahead (ts_i + d × timeframe), but it is
 * stored at bar i: <b>[C]</b> the latest bar has a PLdot too. O(1) per bar, no allocation.
 */
public final class PlDot {
    private PlDot() {}

    /** First bar index with a PLdot. */
    public static final int WARM_UP = 2;

    /** Typical price (H + L + C) / 3. */
    public static double typical(double[] h, double[] l, double[] c, int i) {
        return (h[i] + l[i] + c[i]) / 3.0;
    }

    /** PLdot from three typical prices, oldest first (bitwise equal to {@link #value}). */
    public static double fromTypical(double tp0, double tp1, double tp2) {
        return (tp0 + tp1 + tp2) / 3.0;
    }

    /** PLdot of bar {@code i} (NaN for i &lt; 2). */
    public static double value(double[] h, double[] l, double[] c, int i) {
        if (i < WARM_UP) {
            return Double.NaN;
        }
        return (typical(h, l, c, i - 2) + typical(h, l, c, i - 1) + typical(h, l, c, i)) / 3.0;
    }
}
