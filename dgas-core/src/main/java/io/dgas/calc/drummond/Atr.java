package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;

/**
 * Average true range, Wilder's smoothing (used for signal stop buffers, drummond.md §7 [C]).
 *
 * <p>Design notes: TR_0 = H − L, TR_k = max(H − L, |H − C_{k−1}|, |L − C_{k−1}|); ATR at bar period−1 is the simple
 * mean of the first {@code period} TRs, then ATR_k = (ATR_{k−1} × (period − 1) + TR_k) / period. NaN before bar
 * period−1. Each value depends only on bars ≤ k. O(1) per bar.
 */
public final class Atr {
    private Atr() {}

    public static double[] wilder(BarSeries s, int period, int n) {
        double[] atr = new double[n];
        extend(s, period, atr, 0, n);
        return atr;
    }

    /**
     * Fills {@code atr[from, n)} given {@code atr[0, from)} as {@link #wilder} computed them (a live series keeps its
     * values and extends them as bars arrive, or recomputes the last after it was replaced): the same operations in the
     * same order, so equal to {@code wilder(s, period, n)} bit for bit. O(n − from) once past the first {@code period}
     * bars (within them the seed's sum is recomputed from bar 0).
     */
    public static void extend(BarSeries s, int period, double[] atr, int from, int n) {
        int start = from < period ? 0 : from;
        double sum = 0;
        for (int k = start; k < n; k++) {
            double tr = k == 0 ? s.high()[0] - s.low()[0] : Envelope.trueRange(s.high(), s.low(), s.close(), k);
            if (k < period - 1) {
                sum += tr;
                atr[k] = Double.NaN;
            } else if (k == period - 1) {
                sum += tr;
                atr[k] = sum / period;
            } else {
                atr[k] = (atr[k - 1] * (period - 1) + tr) / period;
            }
        }
    }
}
