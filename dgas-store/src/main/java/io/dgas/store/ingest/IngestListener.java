package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;

/**
 * Told, after the data is committed, about every (symbol, timeframe) series whose stored bars changed (rows inserted
 * or updated, not merely re-sent unchanged). Caches hook in here so analysis of a changed series is never stale.
 */
@FunctionalInterface
public interface IngestListener {
    /** Ignores every change. */
    IngestListener NONE = (symbol, tf) -> {};

    void seriesChanged(String symbol, Timeframe tf);
}
