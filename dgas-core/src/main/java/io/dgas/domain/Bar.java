package io.dgas.domain;

/**
 * One complete OHLCV bar opening at {@code ts} (epoch seconds, UTC).
 *
 * <p>A value object only; validation of market-data rules (high ≥ max(open, close), …) belongs to ingest.
 */
public record Bar(long ts, double open, double high, double low, double close, double volume) {}
