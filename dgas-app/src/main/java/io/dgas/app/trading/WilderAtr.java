package io.dgas.app.trading;

/**
 * Wilder's ATR fed one bar at a time, equal bar for bar to {@code Atr.wilder} over the same bars (same operations in
 * the same order), in constant time per bar: NaN until {@code period} bars have been seen.
 */
final class WilderAtr {
    private final int period;
    private int n;
    private double sum;
    private double atr = Double.NaN;
    private double prevClose;

    WilderAtr(int period) {
        this.period = period;
    }

    /** Adds a bar; returns the ATR at it. */
    double add(double high, double low, double close) {
        double tr = n == 0
                ? high - low
                : Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        if (n < period - 1) {
            sum += tr;
        } else if (n == period - 1) {
            sum += tr;
            atr = sum / period;
        } else {
            atr = (atr * (period - 1) + tr) / period;
        }
        n++;
        prevClose = close;
        return atr;
    }
}
