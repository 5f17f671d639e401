package io.dgas.calc.cache;

import io.dgas.domain.Timeframe;
import java.util.function.Supplier;

/** Decorates a {@link CalculationCache} so every get is counted (hit/miss) and every computation timed. */
public final class ProfilingCalculationCache implements CalculationCache {
    private final CalculationCache delegate;
    private final CalculationProfiler profiler;

    public ProfilingCalculationCache(CalculationCache delegate, CalculationProfiler profiler) {
        this.delegate = delegate;
        this.profiler = profiler;
    }

    @Override
    public <T> T get(CalculationKey key, Supplier<T> compute) {
        boolean[] computed = new boolean[1];
        T value = delegate.get(key, () -> {
            computed[0] = true;
            long start = System.nanoTime();
            T v = compute.get();
            profiler.record(key.calculation(), System.nanoTime() - start);
            return v;
        });
        if (computed[0]) {
            profiler.recordMiss(key.calculation());
        } else {
            profiler.recordHit(key.calculation());
        }
        return value;
    }

    @Override
    public void invalidate(String symbol, Timeframe timeframe) {
        delegate.invalidate(symbol, timeframe);
    }

    @Override
    public void invalidateAll() {
        delegate.invalidateAll();
    }

    public CalculationProfiler profiler() {
        return profiler;
    }
}
