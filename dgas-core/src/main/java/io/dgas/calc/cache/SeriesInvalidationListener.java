package io.dgas.calc.cache;

import io.dgas.domain.Timeframe;

/** Told by ingest whenever bars of a (symbol, timeframe) were written, so cached results can be dropped early. */
@FunctionalInterface
public interface SeriesInvalidationListener {
    void onSeriesChanged(String symbol, Timeframe timeframe);
}
