package io.dgas.app.trading;

/** A bar as the paper book sees it; {@code ts} is its open time in epoch seconds. */
public record PaperBar(String symbol, long ts, double open, double high, double low, double close) {}
