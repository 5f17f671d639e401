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

    /**
     * The series changed, and no stored bar older than {@code from} (epoch seconds, bar open time) did: listeners that
     * keep a window warm append what is newer instead of rebuilding. Defaults to {@link #seriesChanged}.
     */
    default void barsChanged(String symbol, Timeframe tf, long from) {
        seriesChanged(symbol, tf);
    }
}
