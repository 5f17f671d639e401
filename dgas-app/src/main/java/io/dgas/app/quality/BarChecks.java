package io.dgas.app.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checks of one series' bars, over its columns (oldest first): bars that meet none of the market's sessions, price
 * spikes, and flat runs; pure functions, no I/O.
 *
 * <p>Design notes: a bar {@code [t, t + step)} meets a session {@code [o, c)} iff {@code o < t + step} and {@code t <
 * c}; with both in time order and the sessions disjoint, one pass keeps the first session ending after the bar, so a
 * check costs O(bars + sessions). A spike is a close-to-close log return further than {@code k} robust standard
 * deviations from the series' median return (from the median, not from 0: the returns of a steady trend, all alike,
 * have a tiny spread and none of them is a spike): 1.4826 × their median absolute deviation from the median (the MAD, which a few wild returns
 * cannot inflate as they inflate the standard deviation; Rousseeuw and Croux 1993), or, when more than half the
 * returns are equal (an illiquid series whose MAD is 0), 1.2533 × their mean absolute deviation; none when both are 0.
 * A spike the next bar takes back (a return of the other sign beyond {@code k / 2} of those deviations) is the mark of
 * a bad print rather than of news.
 */
final class BarChecks {
    /** MAD to standard deviation for normal returns. */
    private static final double MAD_SCALE = 1.4826;
    /** Mean absolute deviation to standard deviation for normal returns (√(π/2)). */
    private static final double MEAN_DEVIATION_SCALE = 1.2533;

    private BarChecks() {}

    /**
     * The bars ({@code ts} epoch seconds, each {@code step} long), moved by {@code shift} seconds, that meet none of
     * the sessions {@code [opens[k], closes[k])} (in time order, disjoint): their count and the indexes of the first
     * {@code limit}.
     */
    record Outside(int count, int[] first) {}

    static Outside outside(long[] ts, long step, long[] opens, long[] closes, long shift, int limit) {
        int count = 0;
        int[] first = new int[Math.min(limit, ts.length)];
        int k = 0;
        for (int i = 0; i < ts.length; i++) {
            long t = ts[i] + shift;
            while (k < closes.length && closes[k] <= t) {
                k++;
            }
            if (k == closes.length || opens[k] >= t + step) {
                if (count < first.length) {
                    first[count] = i;
                }
                count++;
            }
        }
        return new Outside(count, Arrays.copyOf(first, Math.min(count, first.length)));
    }

    /**
     * A spike: the bar's index, its return's distance from the median return in robust deviations (signed), and
     * whether the next bar took it back.
     */
    record Spike(int index, double sigmas, boolean reverted) {}

    /** The spikes among {@code close}'s returns beyond {@code k} robust deviations, with that deviation. */
    record Spikes(double sigma, List<Spike> items) {}

    static Spikes spikes(double[] close, double k) {
        int n = close.length;
        if (n < 3) {
            return new Spikes(Double.NaN, List.of());
        }
        double[] r = new double[n - 1];
        for (int i = 1; i < n; i++) {
            r[i - 1] = Math.log(close[i] / close[i - 1]);
        }
        double[] spread = spread(r);
        double centre = spread[0];
        double sigma = spread[1];
        List<Spike> out = new ArrayList<>();
        if (!(sigma > 0)) {
            return new Spikes(sigma, out);
        }
        // deviations from the median return: a steady trend is no spike however small its returns' spread
        for (int j = 0; j < r.length; j++) {
            double z = (r[j] - centre) / sigma;
            if (Math.abs(z) > k) {
                double next = j + 1 < r.length ? (r[j + 1] - centre) / sigma : 0;
                out.add(new Spike(j + 1, z, next * z < 0 && Math.abs(next) > k / 2));
            }
        }
        return new Spikes(sigma, out);
    }

    /** The robust standard deviation of {@code r} (class notes); 0 when every value is the same. */
    static double robustSigma(double[] r) {
        return spread(r)[1];
    }

    /** {median, robust standard deviation} of {@code r}, from one sort. */
    private static double[] spread(double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        double median = median(s);
        double[] dev = new double[s.length];
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs(s[i] - median);
            sum += dev[i];
        }
        Arrays.sort(dev);
        double mad = median(dev);
        return new double[] {median, mad > 0 ? MAD_SCALE * mad : MEAN_DEVIATION_SCALE * sum / s.length};
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A run of flat bars: the indexes of its first and last bar. */
    record FlatRun(int from, int to) {
        int bars() {
            return to - from + 1;
        }
    }

    /**
     * The runs of at least {@code minBars} consecutive bars that did not trade: open = high = low = close and no volume
     * (a feed's filler for an interval without trades).
     */
    static List<FlatRun> flatRuns(
            double[] open, double[] high, double[] low, double[] close, double[] volume, int minBars) {
        List<FlatRun> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= open.length; i++) {
            boolean flat =
                    i < open.length && volume[i] == 0 && open[i] == high[i] && high[i] == low[i] && low[i] == close[i];
            if (flat && start < 0) {
                start = i;
            } else if (!flat && start >= 0) {
                if (i - start >= minBars) {
                    out.add(new FlatRun(start, i - 1));
                }
                start = -1;
            }
        }
        return out;
    }
}
