package io.dgas.store.calccache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.calc.cache.CalculationKey;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaffeineCalculationCacheTest {

    private static BarSeries series(double middleClose) {
        BarSeries s = new BarSeries("AAA", Timeframe.H1);
        for (int i = 0; i < 10; i++) {
            s.append(3600L * i, 10, 11, 9, i == 5 ? middleClose : 10, 100);
        }
        return s;
    }

    @Test
    void get_sameKeyTwice_computesOnceAndCountsHit() {
        CaffeineCalculationCache cache = new CaffeineCalculationCache();
        AtomicInteger computed = new AtomicInteger();
        CalculationKey key = CalculationKey.of(series(10), "pldot", "p");
        cache.get(key, computed::incrementAndGet);
        cache.get(key, computed::incrementAndGet);
        assertThat(computed).hasValue(1);
        assertThat(cache.stats().get("pldot").hitCount()).isEqualTo(1);
        assertThat(cache.stats().get("pldot").missCount()).isEqualTo(1);
    }

    @Test
    void get_correctedBarInTheMiddle_computesFreshResult() {
        CaffeineCalculationCache cache = new CaffeineCalculationCache();
        assertThat(cache.get(CalculationKey.of(series(10), "pldot", "p"), () -> "old"))
                .isEqualTo("old");
        assertThat(cache.get(CalculationKey.of(series(10.5), "pldot", "p"), () -> "new"))
                .isEqualTo("new");
    }

    @Test
    void onSeriesChanged_dropsOnlyThatSeries() {
        CaffeineCalculationCache cache = new CaffeineCalculationCache();
        CalculationKey a = CalculationKey.of(series(10), "states", "p");
        CalculationKey b = new CalculationKey("BBB", Timeframe.H1, "states", "p", 1);
        cache.get(a, () -> 1);
        cache.get(b, () -> 2);
        cache.onSeriesChanged("AAA", Timeframe.H1);
        assertThat(cache.get(a, () -> 3)).isEqualTo(3);
        assertThat(cache.get(b, () -> 4)).isEqualTo(2);
    }

    @Test
    void region_sizeBound_evictsBeyondMaximum() {
        CalcCacheSettings settings =
                new CalcCacheSettings(new CalcCacheSettings.Region(5, Duration.ofMinutes(1)), Map.of());
        CaffeineCalculationCache cache = new CaffeineCalculationCache(settings);
        for (int i = 0; i < 200; i++) {
            cache.get(new CalculationKey("S" + i, Timeframe.H1, "zones", "p", i), () -> "v");
        }
        cache.cleanUp();
        assertThat(cache.size("zones")).isLessThanOrEqualTo(5);
        assertThat(cache.stats().get("zones").evictionCount()).isPositive();
    }

    @Test
    void region_nonPositiveTtl_isRejectedWithName() {
        assertThatThrownBy(() -> new CalcCacheSettings.Region(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }
}
