package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;

/** Seeded random-walk OHLCV series for property tests. */
final class RandomBars {
    private RandomBars() {}

    static final long START = 1_704_067_200L; // 2024-01-01T00:00:00Z, a Monday

    static BarSeries series(long seed, int n, Timeframe tf) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("R" + seed, tf, n);
        double price = 100;
        for (int i = 0; i < n; i++) {
            double[] b = next(r, price);
            s.append(START + i * tf.seconds(), b[0], b[1], b[2], b[3], b[4]);
            price = b[3];
        }
        return s;
    }

    /**
     * A zero-drift Gaussian walk of {@code steps} moves per bar, each bar's open, high, low and close taken from the walk
     * itself (first, max, min, last). Unlike {@link #series}, whose wicks are drawn apart from the close (so a wick
     * that reaches a limit order is followed on average by a return to the open: an edge for limit entries), a price
     * touched here is a price the walk went through, so nothing is predictable: the no-edge test's noise.
     */
    static BarSeries walk(long seed, int n, Timeframe tf, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("W" + seed, tf, n);
        double sigma = 0.6 / Math.sqrt(steps);
        double price = 100;
        for (int i = 0; i < n; i++) {
            double open = price;
            double high = open;
            double low = open;
            for (int k = 0; k < steps; k++) {
                price += r.nextGaussian() * sigma;
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            s.append(START + i * tf.seconds(), open, high, low, price, 1000 + r.nextInt(100_000));
        }
        return s;
    }

    /**
     * A walk whose bars are shifted by a drift plus {@code pull} × (100 − price), a pull towards 100: drift ±0.1
     * trends, pull 0.3 congests. Prices stay positive for a few hundred bars at those settings.
     */
    static BarSeries shaped(long seed, int n, Timeframe tf, double drift, double pull) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("S" + seed, tf, n);
        double price = 100;
        for (int i = 0; i < n; i++) {
            double[] b = next(r, price);
            double shift = drift + pull * (100 - price);
            s.append(START + i * tf.seconds(), b[0] + shift, b[1] + shift, b[2] + shift, b[3] + shift, b[4]);
            price = b[3] + shift;
        }
        return s;
    }

    /** open, high, low, close, volume around {@code price}; occasionally a run of identical bars. */
    static double[] next(SplittableRandom r, double price) {
        if (r.nextInt(40) == 0) {
            return new double[] {price, price, price, price, 1000};
        }
        double open = price;
        double close = Math.max(1, open + r.nextGaussian() * 0.6 + (r.nextInt(10) == 0 ? r.nextGaussian() * 3 : 0));
        double high = Math.max(open, close) + Math.abs(r.nextGaussian()) * 0.3;
        double low = Math.max(0.5, Math.min(open, close) - Math.abs(r.nextGaussian()) * 0.3);
        return new double[] {open, round(high), round(low), round(close), 1000 + r.nextInt(100_000)};
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
