package io.dgas.calc.cache;

import io.dgas.domain.Timeframe;
import java.util.function.Supplier;

/**
 * Cache of calculation results keyed by {@link CalculationKey} (symbol, timeframe, calculation, parameters, series
 * version). Correctness never depends on invalidation — the version in the key already changes with any bar — so
 * {@link #onSeriesChanged} only frees memory early. Implementations must be thread-safe; cached values must be treated
 * as immutable by callers.
 */
public interface CalculationCache extends SeriesInvalidationListener {

    /** The cached value for {@code key}, computing and storing it with {@code compute} when absent. */
    <T> T get(CalculationKey key, Supplier<T> compute);

    /** Drops every entry of (symbol, timeframe). */
    void invalidate(String symbol, Timeframe timeframe);

    void invalidateAll();

    @Override
    default void onSeriesChanged(String symbol, Timeframe timeframe) {
        invalidate(symbol, timeframe);
    }

    /** A cache that stores nothing: every get computes. */
    static CalculationCache none() {
        return NoCalculationCache.INSTANCE;
    }
}
