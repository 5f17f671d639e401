package io.dgas.store.bars;

import io.dgas.domain.Timeframe;

/**
 * Bars of one series in columnar form, oldest first: {@code ts[i]} (bar open time, epoch seconds UTC) with its
 * {@code open[i]}, {@code high[i]}, {@code low[i]}, {@code close[i]}, {@code volume[i]}. All arrays have the same
 * length; they belong to the caller once returned.
 */
public record BarColumns(
        String symbol,
        Timeframe timeframe,
        long[] ts,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] volume)
        implements java.io.Serializable {

    public int size() {
        return ts.length;
    }

    public static BarColumns empty(String symbol, Timeframe tf) {
        return new BarColumns(
                symbol, tf, new long[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
    }
}
