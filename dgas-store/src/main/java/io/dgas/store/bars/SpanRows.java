package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import java.util.Arrays;

/**
 * The answer of a span read ({@link BarRepository#sinceInSpan}): the rows of every requested series in flat primitive
 * columns, grouped by request, each group oldest first. The rows of request {@code i} are indexes {@code [start(i),
 * start(i) + count(i))} of the columns. One set of arrays for the whole answer, so reading thousands of series
 * allocates nothing per series. The arrays are the answer's own, not copies: do not modify them.
 *
 * @param ts bar open times, epoch seconds
 * @param starts {@code starts[i]} is request i's first row, {@code starts[series()]} the row count
 */
public record SpanRows(
        long[] ts, double[] open, double[] high, double[] low, double[] close, double[] volume, int[] starts) {
    /** Series requested. */
    public int series() {
        return starts.length - 1;
    }

    /** Index of request {@code i}'s first row. */
    public int start(int i) {
        return starts[i];
    }

    /** Rows of request {@code i}. */
    public int count(int i) {
        return starts[i + 1] - starts[i];
    }

    /** Request {@code i}'s rows as columns of their own (copies). */
    public BarColumns columns(int i, String symbol, Timeframe tf) {
        int a = starts[i];
        int b = starts[i + 1];
        return new BarColumns(
                symbol,
                tf,
                Arrays.copyOfRange(ts, a, b),
                Arrays.copyOfRange(open, a, b),
                Arrays.copyOfRange(high, a, b),
                Arrays.copyOfRange(low, a, b),
                Arrays.copyOfRange(close, a, b),
                Arrays.copyOfRange(volume, a, b));
    }
}
