package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheAdvisorTest {
    private static CacheAdvisor.Advice advise(RegionStats s) {
        return CacheAdvisor.advise(List.of(s)).get(0);
    }

    @Test
    void advise_fullAndEvicting_doublesTheSize() {
        // 500 of 500 entries, 300 evictions against 1000 misses (> 10 %): short of room
        CacheAdvisor.Advice a = advise(new RegionStats("dashboard", 500, 500, 30, 4000, 1000, 300, 2.0));

        assertThat(a.suggestedSize()).isEqualTo(1000);
        assertThat(a.suggestedTtlSeconds()).isEqualTo(30);
    }

    @Test
    void advise_roomyButMissing_doublesTheTtl() {
        // 100 of 800 entries, hit rate 200 / 1000 = 20 %
        CacheAdvisor.Advice a = advise(new RegionStats("market_data", 100, 800, 30, 200, 800, 700, 1.0));

        assertThat(a.suggestedTtlSeconds()).isEqualTo(60);
        assertThat(a.suggestedSize()).isEqualTo(800);
    }

    @Test
    void advise_almostEmptyWithGoodHitRate_shrinksToTwiceTheContent() {
        // 40 of 1000 entries, hit rate 95 %: 2 × 40 = 80
        CacheAdvisor.Advice a = advise(new RegionStats("signals", 40, 1000, 300, 950, 50, 0, 1.0));

        assertThat(a.suggestedSize()).isEqualTo(80);
    }

    @Test
    void advise_littleTraffic_keepsEverything() {
        CacheAdvisor.Advice a = advise(new RegionStats("news", 1, 500, 600, 10, 5, 0, 1.0));

        assertThat(a.suggestedSize()).isEqualTo(500);
        assertThat(a.suggestedTtlSeconds()).isEqualTo(600);
        assertThat(a.reason()).contains("too little traffic");
    }
}
