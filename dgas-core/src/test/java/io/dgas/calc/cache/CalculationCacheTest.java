package io.dgas.calc.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CalculationCacheTest {

    /** A plain map-backed cache: enough to exercise the key contract. */
    static final class MapCache implements CalculationCache {
        final Map<CalculationKey, Object> map = new HashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(CalculationKey key, Supplier<T> compute) {
            return (T) map.computeIfAbsent(key, k -> compute.get());
        }

        @Override
        public void invalidate(String symbol, Timeframe tf) {
            map.keySet().removeIf(k -> k.isFor(symbol, tf));
        }

        @Override
        public void invalidateAll() {
            map.clear();
        }
    }

    private static BarSeries bars(double middleHigh) {
        BarSeries s = new BarSeries("AAA", Timeframe.H1);
        for (int i = 0; i < 40; i++) {
            s.append(3600L * i, 10, i == 20 ? middleHigh : 11, 9, 10.5, 100);
        }
        return s;
    }

    @Test
    void get_correctedBarInTheMiddle_newVersionGivesFreshResult() {
        CalculationProfiler profiler = new CalculationProfiler();
        CalculationCache cache = new ProfilingCalculationCache(new MapCache(), profiler);
        DrummondParams p = DrummondParams.defaults();
        BarSeries original = bars(11);
        BarSeries corrected = bars(12);
        DrummondAnalysis first =
                cache.get(CalculationKey.of(original, "analysis", p), () -> DrummondAnalyzer.analyze(original, p));
        DrummondAnalysis again =
                cache.get(CalculationKey.of(bars(11), "analysis", p), () -> DrummondAnalyzer.analyze(original, p));
        DrummondAnalysis fresh =
                cache.get(CalculationKey.of(corrected, "analysis", p), () -> DrummondAnalyzer.analyze(corrected, p));
        assertThat(again).isSameAs(first);
        assertThat(fresh).isNotSameAs(first);
        assertThat(fresh.pldot()[20]).isNotEqualTo(first.pldot()[20]);
        CalculationProfiler.Snapshot s = profiler.snapshot("analysis");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.hits()).isEqualTo(1);
        assertThat(s.misses()).isEqualTo(2);
        assertThat(s.meanNanos()).isPositive();
        assertThat(s.p95Nanos()).isPositive();
    }

    @Test
    void onSeriesChanged_dropsEntriesOfThatSeries() {
        MapCache cache = new MapCache();
        AtomicInteger n = new AtomicInteger();
        CalculationKey k = CalculationKey.of(bars(11), "x", "p");
        cache.get(k, n::incrementAndGet);
        SeriesInvalidationListener listener = cache;
        listener.onSeriesChanged("AAA", Timeframe.H1);
        cache.get(k, n::incrementAndGet);
        assertThat(n).hasValue(2);
    }

    @Test
    void none_alwaysComputes() {
        AtomicInteger n = new AtomicInteger();
        CalculationKey k = CalculationKey.of(bars(11), "x", "p");
        CalculationCache.none().get(k, n::incrementAndGet);
        CalculationCache.none().get(k, n::incrementAndGet);
        assertThat(n).hasValue(2);
    }

    @Test
    void profiler_p95_isTheNinetyFifthPercentileOfTheRing() {
        CalculationProfiler p = new CalculationProfiler();
        for (int i = 1; i <= 100; i++) {
            p.record("pldot", i * 1000L);
        }
        CalculationProfiler.Snapshot s = p.snapshot("pldot");
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.meanNanos()).isEqualTo(50_500.0);
        assertThat(s.p95Nanos()).isEqualTo(95_000L);
        for (int i = 0; i < 5000; i++) {
            p.record("pldot", 7);
        }
        assertThat(p.snapshot("pldot").p95Nanos())
                .as("ring keeps only recent calls")
                .isEqualTo(7);
        assertThat(p.snapshot())
                .extracting(CalculationProfiler.Snapshot::calculation)
                .containsExactly("pldot");
    }
}
