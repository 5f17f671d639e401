package io.dgas.store.calccache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.cache.CalculationKey;
import io.dgas.domain.Timeframe;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link CalculationCache} on Caffeine (W-TinyLFU eviction): one cache per calculation type, each bounded by the size
 * and TTL of its {@link CalcCacheSettings.Region}, with hit/miss/eviction statistics. Values are computed at most once
 * per key concurrently (Caffeine's atomic compute); invalidation by (symbol, timeframe) only frees memory early, as the
 * series version in the key already makes stale hits impossible.
 */
public final class CaffeineCalculationCache implements CalculationCache {
    private final CalcCacheSettings settings;
    private final Map<String, Cache<CalculationKey, Object>> caches = new ConcurrentHashMap<>();

    public CaffeineCalculationCache(CalcCacheSettings settings) {
        this.settings = settings;
    }

    public CaffeineCalculationCache() {
        this(CalcCacheSettings.defaults());
    }

    private Cache<CalculationKey, Object> cache(String calculation) {
        return caches.computeIfAbsent(calculation, name -> {
            CalcCacheSettings.Region r = settings.regionFor(name);
            return Caffeine.newBuilder()
                    .maximumSize(r.maxEntries())
                    .expireAfterWrite(r.ttl())
                    .recordStats()
                    .build();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(CalculationKey key, Supplier<T> compute) {
        return (T) cache(key.calculation()).get(key, k -> compute.get());
    }

    @Override
    public void invalidate(String symbol, Timeframe timeframe) {
        for (Cache<CalculationKey, Object> c : caches.values()) {
            c.asMap().keySet().removeIf(k -> k.isFor(symbol, timeframe));
        }
    }

    @Override
    public void invalidateAll() {
        caches.values().forEach(Cache::invalidateAll);
    }

    /** Statistics per calculation type, sorted by name. */
    public Map<String, CacheStats> stats() {
        Map<String, CacheStats> out = new TreeMap<>();
        caches.forEach((name, c) -> out.put(name, c.stats()));
        return out;
    }

    /** Runs pending maintenance (evictions, expirations) now instead of asynchronously. */
    public void cleanUp() {
        caches.values().forEach(Cache::cleanUp);
    }

    /** Entries currently held for one calculation type (approximate, as Caffeine reports it). */
    public long size(String calculation) {
        Cache<CalculationKey, Object> c = caches.get(calculation);
        return c == null ? 0 : c.estimatedSize();
    }
}
