package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaffeineQueryCacheTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CaffeineQueryCache cache = new CaffeineQueryCache(RegionSpec.defaults(), registry, L2.NONE);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String v) {
        loads.incrementAndGet();
        return v;
    }

    @Test
    void get_sameKeyTwice_loadsOnceAndCountsHitAndMiss() {
        cache.get("market_data", "bars:AAPL:1h:last:200", () -> load("a"));
        String second = cache.get("market_data", "bars:AAPL:1h:last:200", () -> load("b"));

        assertThat(second).isEqualTo("a");
        assertThat(loads).hasValue(1);
        RegionStats s = cache.stats().stream()
                .filter(r -> r.region().equals("market_data"))
                .findFirst()
                .orElseThrow();
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(1);
        assertThat(s.hitRate()).isEqualTo(0.5);
        assertThat(registry.get("cache.hits")
                        .tag("region", "market_data")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void invalidate_pattern_dropsOnlyMatchingKeysInEveryRegion() {
        cache.get("market_data", "bars:AAPL:1h:last:200", () -> "1");
        cache.get("market_data", "bars:AAPL:4h:last:200", () -> "2");
        cache.get("dashboard", "bars:AAPL:1h:chart", () -> "3");
        cache.get("market_data", "bars:MSFT:1h:last:200", () -> "4");
        cache.get("market_data", "bars:AAPLX:1h:last:200", () -> "5");

        long removed = cache.invalidate("bars:AAPL:*");

        assertThat(removed).isEqualTo(3);
        cache.get("market_data", "bars:MSFT:1h:last:200", () -> load("reloaded"));
        cache.get("market_data", "bars:AAPL:1h:last:200", () -> load("reloaded"));
        assertThat(loads).hasValue(1);
    }

    @Test
    void invalidate_patternWithRegexCharacters_isLiteral() {
        cache.get("signals", "signals:run:1", () -> "x");

        assertThat(cache.invalidate("signals:run.1")).isZero();
        assertThat(cache.invalidate("signals:run:1")).isEqualTo(1);
    }

    @Test
    void clear_oneRegion_leavesOthers() {
        cache.get("signals", "a", () -> "1");
        cache.get("news", "b", () -> "2");

        assertThat(cache.clear("signals")).isEqualTo(1);
        assertThat(cache.stats())
                .filteredOn(r -> r.region().equals("news"))
                .singleElement()
                .extracting(RegionStats::size)
                .isEqualTo(1L);
    }

    @Test
    void get_unknownRegion_failsNamingKnownOnes() {
        assertThatThrownBy(() -> cache.get("nope", "k", () -> "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown cache region 'nope'")
                .hasMessageContaining("market_data");
    }

    @Test
    void none_alwaysLoads() {
        QueryCache.NONE.get("any", "k", () -> load("v"));
        QueryCache.NONE.get("any", "k", () -> load("v"));

        assertThat(loads).hasValue(2);
    }
}
