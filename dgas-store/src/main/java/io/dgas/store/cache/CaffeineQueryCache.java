package io.dgas.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.dgas.store.replica.ReadRouting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Local query caches: one bounded Caffeine cache (W-TinyLFU, expire-after-write) per region, with Micrometer meters
 * ({@code cache_hits_total}, {@code cache_misses_total} by region, and Caffeine's own meters), and an optional
 * {@link L2} shared between instances.
 *
 * <p>Design notes: the loader runs inside Caffeine's compute, so concurrent misses on one key load once. A null loaded
 * value is not cached. Pattern invalidation scans the keys of every region; regions hold at most a few thousand
 * entries, so a scan costs microseconds and writes are far rarer than reads. While the shared level is down its
 * invalidation broadcasts are lost, so the local level is bypassed until it is back: no stale read survives an outage.
 */
public final class CaffeineQueryCache implements QueryCache {
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final L2 l2;
    private volatile ReadRouting routing = ReadRouting.NONE;

    private record Region(RegionSpec spec, Cache<String, Object> cache, Counter hits, Counter misses) {}

    public CaffeineQueryCache(List<RegionSpec> specs, MeterRegistry registry, L2 l2) {
        this.l2 = l2;
        for (RegionSpec spec : specs) {
            Cache<String, Object> cache = Caffeine.newBuilder()
                    .maximumSize(spec.maxEntries())
                    .expireAfterWrite(spec.ttl())
                    .recordStats()
                    .build();
            CaffeineCacheMetrics.monitor(registry, cache, spec.name());
            regions.put(
                    spec.name(),
                    new Region(
                            spec,
                            cache,
                            Counter.builder("cache.hits")
                                    .tag("region", spec.name())
                                    .register(registry),
                            Counter.builder("cache.misses")
                                    .tag("region", spec.name())
                                    .register(registry)));
        }
        l2.onRemoteInvalidation(this::invalidateLocal);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String region, String key, Supplier<T> loader) {
        Region r = region(region);
        if (!l2.delivering()) {
            // another instance's invalidation cannot reach us now: neither trust nor fill the local level until the
            // shared one is back (it then clears the local regions); reads still succeed, from the database
            r.misses.increment();
            return loader.get();
        }
        Object present = r.cache.getIfPresent(key);
        if (present != null) {
            r.hits.increment();
            return (T) present;
        }
        r.misses.increment();
        return (T) r.cache.get(key, k -> {
            Object shared = l2.get(region, k);
            return shared != null ? shared : l2.put(region, k, routing.reading(loader), r.spec.ttl());
        });
    }

    /**
     * Lets misses load from read replicas through {@code routing}, and announces every invalidation to it (this
     * instance's and those other instances broadcast), so a replica refills an entry only once it holds the write that
     * dropped it. While the shared level is down other instances' invalidations cannot arrive, so misses then load
     * from the primary.
     */
    @Override
    public void routeMisses(ReadRouting routing) {
        this.routing = routing;
    }

    @Override
    public long invalidate(String pattern) {
        long n = invalidateLocal(pattern);
        l2.invalidate(pattern);
        return n;
    }

    private long invalidateLocal(String pattern) {
        routing.noteWrite();
        Pattern p = glob(pattern);
        long removed = 0;
        for (Region r : regions.values()) {
            List<String> doomed = new ArrayList<>();
            for (String k : r.cache.asMap().keySet()) {
                if (p.matcher(k).matches()) {
                    doomed.add(k);
                }
            }
            r.cache.invalidateAll(doomed);
            removed += doomed.size();
        }
        return removed;
    }

    @Override
    public long clear(String region) {
        routing.noteWrite();
        long n = 0;
        for (Region r : region == null ? regions.values() : List.of(region(region))) {
            n += r.cache.estimatedSize();
            r.cache.invalidateAll();
            r.cache.cleanUp();
        }
        return n;
    }

    @Override
    public List<RegionStats> stats() {
        List<RegionStats> out = new ArrayList<>();
        for (Region r : regions.values()) {
            r.cache.cleanUp();
            CacheStats s = r.cache.stats();
            out.add(new RegionStats(
                    r.spec.name(),
                    r.cache.estimatedSize(),
                    r.spec.maxEntries(),
                    r.spec.ttl().toSeconds(),
                    (long) r.hits.count(),
                    (long) r.misses.count(),
                    s.evictionCount(),
                    s.averageLoadPenalty() / 1e6));
        }
        return out;
    }

    @Override
    public L2Health l2Health() {
        return l2.health();
    }

    @Override
    public L2Health l2Health(Duration max) {
        return l2.health(max);
    }

    private Region region(String name) {
        Region r = regions.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown cache region '" + name + "'; known: " + regions.keySet());
        }
        return r;
    }

    /** A glob with {@code *} as the only wildcard, everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }
}
