package io.dgas.store.bars;

import io.dgas.domain.Timeframe;

/** What aggregation wrote for one (symbol, target timeframe): buckets inserted and updated (unchanged ones are not). */
public record RollupResult(String symbol, Timeframe target, long inserted, long updated) {}
