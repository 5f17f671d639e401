package io.dgas.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.testkit.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryMonitorTest {
    private final FakeClock clock = FakeClock.atDefault();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QueryMonitor monitor =
            new QueryMonitor(registry, clock, Duration.ofMillis(500), Duration.ofMinutes(5));

    @Test
    void stats_oneToThousandMillis_givesNearestRankPercentiles() {
        // shuffled 1..1000 ms: nearest rank gives p50 = 500, p95 = 950, p99 = 990, mean = 1001/2
        List<Integer> values = new java.util.ArrayList<>();
        for (int ms = 1; ms <= 1000; ms++) {
            values.add(ms);
        }
        java.util.Collections.shuffle(values, new java.util.Random(7));
        values.forEach(ms -> monitor.onStatement("bars.range", ms * 1_000_000L, 2, false));

        QueryStats s = monitor.stats().get(0);

        assertThat(s.name()).isEqualTo("bars.range");
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.rows()).isEqualTo(2000);
        assertThat(s.p50Ms()).isEqualTo(500.0);
        assertThat(s.p95Ms()).isEqualTo(950.0);
        assertThat(s.p99Ms()).isEqualTo(990.0);
        assertThat(s.maxMs()).isEqualTo(1000.0);
        assertThat(s.meanMs()).isCloseTo(1001 / 2.0, within(1e-9));
        assertThat(s.totalMs()).isCloseTo(1000 * 1001 / 2.0, within(1e-6));
    }

    @Test
    void stats_samplesOlderThanWindow_areLeftOutButCounted() {
        monitor.onStatement("q", 10_000_000L, 1, false);
        clock.advance(Duration.ofMinutes(6));
        monitor.onStatement("q", 30_000_000L, 1, false);

        QueryStats s = monitor.stats().get(0);

        assertThat(s.count()).isEqualTo(2);
        assertThat(s.windowCount()).isEqualTo(1);
        assertThat(s.p50Ms()).isEqualTo(30.0);
    }

    @Test
    void onStatement_bulkStatement_isJudgedAgainstTheBulkThreshold_interactiveOnesAgainstTheirs() {
        QueryMonitor m = new QueryMonitor(
                registry, clock, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

        m.onStatement("ingest.bars.copy", 1_544_800_000L, 120_000, false); // the demo's load: expected, not slow
        m.onStatement("aggregate.bars.4h", 29_999_999_999L, 200, false);
        m.onStatement("optimizer.vacuum", 30_000_000_000L, 0, false); // at the bulk threshold: slow
        m.onStatement("bars.range", 500_000_000L, 300, false); // an interactive read: slow at 500 ms
        m.onStatement("ingest.symbols", 600_000_000L, 1, false); // not a bulk family: slow

        assertThat(m.slowQueries())
                .extracting(SlowQuery::name)
                .containsExactly("optimizer.vacuum", "bars.range", "ingest.symbols");
        assertThat(registry.get("slow.queries")
                        .tag("operation", "ingest.bars.copy")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("db.query.duration")
                        .tag("operation", "ingest.bars.copy")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(m.bulkSlowThreshold()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void isBulk_loadsRollupsSetUpAndMaintenance_notReadsOrLookups() {
        assertThat(List.of(
                        "ingest.bars.copy",
                        "ingest.ticks.upsert",
                        "aggregate.ticks.1m",
                        "sample.reset-bars",
                        "demo.synthetic-reset",
                        "views.daily-bars",
                        "partition.create-month",
                        "optimizer.analyze",
                        "optimizer.refresh-view"))
                .allMatch(QueryMonitor::isBulk);
        assertThat(List.of("bars.range", "bars.last-n-many", "ingest.symbols", "optimizer.table-sizes", "cycle.lock"))
                .noneMatch(QueryMonitor::isBulk);
    }

    @Test
    void onStatement_atOrAboveThreshold_isListedAndCountedAsSlow() {
        monitor.onStatement("fast", 499_999_999L, 1, false);
        monitor.onStatement("slow", 500_000_000L, 3, true);

        assertThat(monitor.slowQueries()).singleElement().satisfies(q -> {
            assertThat(q.name()).isEqualTo("slow");
            assertThat(q.rows()).isEqualTo(3);
            assertThat(q.failed()).isTrue();
        });
        assertThat(registry.get("slow.queries")
                        .tag("operation", "slow")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.find("slow.queries")
                        .tag("operation", "fast")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void onStatement_recordsMicrometerTimerPerOperation() {
        monitor.onStatement("a", 2_000_000L, 0, false);
        monitor.onStatement("a", 4_000_000L, 0, false);

        var timer = registry.get("db.query.duration").tag("operation", "a").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void stats_failuresAndOrdering_byTotalTimeDescending() {
        monitor.onStatement("small", 1_000_000L, 0, true);
        monitor.onStatement("big", 9_000_000L, 0, false);

        assertThat(monitor.stats()).extracting(QueryStats::name).containsExactly("big", "small");
        assertThat(monitor.stats().get(1).failures()).isEqualTo(1);
    }
}
