package io.dgas.store.calccache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Size and TTL per calculation type for {@link CaffeineCalculationCache}; types without their own entry use the
 * default region. Defaults follow the spirit of system.md §5 query-cache regions: analysis results behave like
 * {@code market_data} (800 entries, 30 s — recomputation is cheap and the version key makes entries exact anyway),
 * signals like {@code signals} (1000 entries, 5 min).
 *
 * @param defaultRegion region for calculation types not listed
 * @param regions region per calculation type name
 */
public record CalcCacheSettings(Region defaultRegion, Map<String, Region> regions) {

    /** Bounds of one region: maximum entries (≥ 1) and time to live after write (&gt; 0). */
    public record Region(long maxEntries, Duration ttl) {
        public Region {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("calccache maxEntries must be ≥ 1, was " + maxEntries);
            }
            if (ttl == null || ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("calccache ttl must be > 0, was " + ttl);
            }
        }
    }

    public CalcCacheSettings {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        regions = Map.copyOf(regions);
    }

    public static CalcCacheSettings defaults() {
        return new CalcCacheSettings(
                new Region(800, Duration.ofSeconds(30)),
                Map.of(
                        "signals", new Region(1000, Duration.ofMinutes(5)),
                        "mtf", new Region(1000, Duration.ofMinutes(5))));
    }

    public Region regionFor(String calculation) {
        return regions.getOrDefault(calculation, defaultRegion);
    }
}
