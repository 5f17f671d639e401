package io.dgas.store.bars;

import io.dgas.domain.Timeframe;

/** The newest active bar of a series; {@code ts} in epoch seconds UTC. */
public record LatestBar(
        String symbol,
        Timeframe timeframe,
        long ts,
        double open,
        double high,
        double low,
        double close,
        double volume,
        boolean partial)
        implements java.io.Serializable {}
