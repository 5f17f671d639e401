package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;

/**
 * Drummond lines, drummond.md §5.
 *
 * <p>Design notes: for each bar i ≥ 1 two lines through bars i−1 and i: resistance (id 2(i−1)) through the highs and
 * support (id 2(i−1)+1) through the lows; slope = end − start; projected price = end + slope × gap <b>[C]</b> (the
 * reference ignores the gap for price), quantised to 1e-9 so that prices equal in decimal are equal doubles; projected timestamp = ts_i + gap × timeframe. Lines are pure functions of two
 * bars, so this is a view over the series, not a copy. Ids ascend with the end bar, which makes "lines ending at or
 * before bar i" the id prefix {@code [0, 2i)}.
 */
public final class DrummondLines {
    public static final int RESISTANCE = 0;
    public static final int SUPPORT = 1;

    private final BarSeries series;
    private final int gap;
    private final int bars;

    DrummondLines(BarSeries series, int gap, int bars) {
        this.series = series;
        this.gap = gap;
        this.bars = bars;
    }

    /** Number of lines (2 × (bars − 1)). */
    public int count() {
        return bars < 2 ? 0 : 2 * (bars - 1);
    }

    /** Lines ending at or before bar {@code i}: ids {@code [0, countEndingBy(i))}. */
    public static int countEndingBy(int i) {
        return Math.max(0, 2 * i);
    }

    /**
     * First id of the lines ending in the last {@code lookbackBars} bars up to bar {@code i}, i.e. after bar
     * {@code i − lookbackBars}: those lines are the ids {@code [firstInWindow(i, lookbackBars), countEndingBy(i))}.
     * 0 when {@code lookbackBars} is 0 (every line).
     */
    public static int firstInWindow(int i, int lookbackBars) {
        return lookbackBars > 0 ? countEndingBy(i - lookbackBars) : 0;
    }

    public static int endBar(int id) {
        return id / 2 + 1;
    }

    public static int type(int id) {
        return id & 1;
    }

    public static String typeCode(int type) {
        return type == RESISTANCE ? "resistance" : "support";
    }

    public double startPrice(int id) {
        int e = endBar(id);
        return type(id) == RESISTANCE ? series.high()[e - 1] : series.low()[e - 1];
    }

    public double endPrice(int id) {
        int e = endBar(id);
        return type(id) == RESISTANCE ? series.high()[e] : series.low()[e];
    }

    public double slope(int id) {
        return endPrice(id) - startPrice(id);
    }

    public double projectedPrice(int id) {
        return projectedPrice(series.high(), series.low(), id, gap);
    }

    public long startTs(int id) {
        return series.ts()[endBar(id) - 1];
    }

    public long endTs(int id) {
        return series.ts()[endBar(id)];
    }

    public long projectedTs(int id) {
        return endTs(id) + gap * series.timeframe().seconds();
    }

    static double projectedPrice(double[] high, double[] low, int id, int gap) {
        int e = endBar(id);
        double[] src = type(id) == RESISTANCE ? high : low;
        return quantise(src[e] + (src[e] - src[e - 1]) * gap);
    }

    /**
     * The double nearest {@code v} rounded to 1e-9 (§5: projected prices are exact, so ulp noise never splits a
     * zone or reorders equal prices). Bar prices carry far fewer decimals, so the exact decimal end + slope × gap is
     * a multiple of 1e-9 and this returns the double nearest it; beyond about 9e6 (2^53 × 1e-9) doubles are coarser
     * than 1e-9 and the value passes through. NaN and infinities pass through.
     */
    static double quantise(double v) {
        return Math.rint(v * 1e9) / 1e9;
    }
}
