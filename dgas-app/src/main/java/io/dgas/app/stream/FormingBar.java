package io.dgas.app.stream;

import io.dgas.domain.Timeframe;

/**
 * The bar of (symbol, timeframe) still forming from live trades: its bucket has not ended, so it is never stored as a
 * bar; it is replaced by the completed bar once a trade of a later bucket arrives. Immutable: each trade makes a new one.
 *
 * @param start bucket start, epoch seconds (UTC-aligned as bars are)
 * @param trades trades folded in
 */
public record FormingBar(
        String symbol,
        Timeframe timeframe,
        long start,
        double open,
        double high,
        double low,
        double close,
        double volume,
        int trades) {

    /** A bar opened by one trade. */
    static FormingBar open(String symbol, Timeframe tf, Trade t) {
        long sec = Math.floorDiv(t.millis(), 1000L);
        long start = sec - Math.floorMod(sec, tf.seconds());
        return new FormingBar(symbol, tf, start, t.price(), t.price(), t.price(), t.price(), t.size(), 1);
    }

    /** Whether {@code t} falls in this bar's bucket. */
    boolean holds(Trade t) {
        long sec = Math.floorDiv(t.millis(), 1000L);
        return sec >= start && sec < start + timeframe.seconds();
    }

    /** This bar with {@code t} folded in. */
    FormingBar with(Trade t) {
        return new FormingBar(
                symbol,
                timeframe,
                start,
                open,
                Math.max(high, t.price()),
                Math.min(low, t.price()),
                t.price(),
                volume + t.size(),
                trades + 1);
    }
}
