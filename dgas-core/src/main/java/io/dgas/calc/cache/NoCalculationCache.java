package io.dgas.calc.cache;

import io.dgas.domain.Timeframe;
import java.util.function.Supplier;

/** The null-object {@link CalculationCache}: computes every time, stores nothing. */
final class NoCalculationCache implements CalculationCache {
    static final NoCalculationCache INSTANCE = new NoCalculationCache();

    private NoCalculationCache() {}

    @Override
    public <T> T get(CalculationKey key, Supplier<T> compute) {
        return compute.get();
    }

    @Override
    public void invalidate(String symbol, Timeframe timeframe) {}

    @Override
    public void invalidateAll() {}
}
