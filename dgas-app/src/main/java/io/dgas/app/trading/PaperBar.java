package io.dgas.app.trading;

/**
 * A bar as the paper book sees it; {@code ts} is its open time in epoch seconds, {@code volume} NaN when unknown (no
 * participation cap applies then).
 */
public record PaperBar(String symbol, long ts, double open, double high, double low, double close, double volume) {

    /** A bar whose volume is not given. */
    public PaperBar(String symbol, long ts, double open, double high, double low, double close) {
        this(symbol, ts, open, high, low, close, Double.NaN);
    }
}
