package io.dgas.domain;

/**
 * Builds higher-timeframe bars from a lower-timeframe series: open of the first bar, highest high, lowest low, close
 * of the last bar, summed volume, bucketed by {@link Timeframe#bucketStart}.
 *
 * <p>Only complete buckets are emitted. A bucket is complete when the source has a bar at or after the bucket's end,
 * or when the explicit {@code asOf} (epoch seconds) is at or after it. The bucket that is still open is available
 * separately as a {@link FormingBar}, never as part of the series.
 */
public final class BarAggregator {
    private BarAggregator() {}

    /** Complete buckets of {@code source} in {@code target}, using only the source's own data to judge completion. */
    public static BarSeries complete(BarSeries source, Timeframe target) {
        return complete(source, target, Long.MIN_VALUE);
    }

    /** Complete buckets of {@code source} in {@code target}; buckets ending at or before {@code asOf} count too. */
    public static BarSeries complete(BarSeries source, Timeframe target, long asOf) {
        check(source, target);
        BarSeries out = new BarSeries(source.symbol(), target, Math.max(4, source.size() / 2));
        int n = source.size();
        long[] ts = source.ts();
        int i = 0;
        while (i < n) {
            long start = target.bucketStart(ts[i]);
            long end = start + target.seconds();
            int j = i;
            double h = source.high()[i];
            double l = source.low()[i];
            double v = 0;
            while (j < n && ts[j] < end) {
                h = Math.max(h, source.high()[j]);
                l = Math.min(l, source.low()[j]);
                v += source.volume()[j];
                j++;
            }
            boolean complete = j < n || asOf >= end;
            if (!complete) {
                break;
            }
            out.append(start, source.open()[i], h, l, source.close()[j - 1], v);
            i = j;
        }
        return out;
    }

    /** The still-open last bucket of {@code source} at {@code asOf}, or {@code null} when every bucket is complete. */
    public static FormingBar forming(BarSeries source, Timeframe target, long asOf) {
        check(source, target);
        int n = source.size();
        if (n == 0) {
            return null;
        }
        long start = target.bucketStart(source.ts()[n - 1]);
        long end = start + target.seconds();
        if (asOf >= end) {
            return null;
        }
        int i = n - 1;
        while (i > 0 && source.ts()[i - 1] >= start) {
            i--;
        }
        double h = Double.NEGATIVE_INFINITY;
        double l = Double.POSITIVE_INFINITY;
        double v = 0;
        for (int k = i; k < n; k++) {
            h = Math.max(h, source.high()[k]);
            l = Math.min(l, source.low()[k]);
            v += source.volume()[k];
        }
        return new FormingBar(start, end, source.open()[i], h, l, source.close()[n - 1], v);
    }

    private static void check(BarSeries source, Timeframe target) {
        if (!target.isMultipleOf(source.timeframe())) {
            throw new IllegalArgumentException("timeframe " + target + " is not a whole multiple of "
                    + source.timeframe() + " (" + source.symbol() + ")");
        }
    }
}
