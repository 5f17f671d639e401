package io.dgas.store.cache;

import java.time.Duration;
import java.util.List;

/**
 * Size and time-to-live of one named cache region.
 *
 * @param name region name ({@code dashboard}, {@code signals}, …)
 * @param maxEntries bound on entries (W-TinyLFU eviction beyond it)
 * @param ttl entries expire this long after they were written
 */
public record RegionSpec(String name, long maxEntries, Duration ttl) {
    public static final String DASHBOARD = "dashboard";
    public static final String SIGNALS = "signals";
    public static final String METRICS = "metrics";
    public static final String MARKET_DATA = "market_data";
    public static final String PORTFOLIO = "portfolio";
    public static final String NEWS = "news";

    public RegionSpec {
        if (!name.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("bad cache region name '" + name + "'");
        }
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("cache region " + name + ": size must be ≥ 1 and ttl > 0");
        }
    }

    /** The names of every region (configuration sets their sizes and TTLs, not which exist). */
    public static List<String> names() {
        return defaults().stream().map(RegionSpec::name).toList();
    }

    /** The defaults of system.md §5 (portfolio and news sizes are not given there: 500 each). */
    public static List<RegionSpec> defaults() {
        return List.of(
                new RegionSpec(DASHBOARD, 500, Duration.ofSeconds(30)),
                new RegionSpec(SIGNALS, 1000, Duration.ofMinutes(5)),
                new RegionSpec(METRICS, 200, Duration.ofHours(1)),
                new RegionSpec(MARKET_DATA, 800, Duration.ofSeconds(30)),
                new RegionSpec(PORTFOLIO, 500, Duration.ofSeconds(300)),
                new RegionSpec(NEWS, 500, Duration.ofSeconds(600)));
    }
}
