package io.dgas.store.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RedisL2;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.cache.RegionStats;
import io.dgas.store.monitor.QueryMonitor;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthMonitorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;
    private final FakeClock clock = FakeClock.atDefault();
    private final QueryMonitor queries =
            new QueryMonitor(new SimpleMeterRegistry(), clock, Duration.ofSeconds(10), Duration.ofMinutes(5));
    private final List<Check> alerts = new ArrayList<>();

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private HealthMonitor monitor(QueryCache cache) {
        return new HealthMonitor(db, queries, cache, Thresholds.defaults(), clock, Duration.ofMinutes(5), alerts::add);
    }

    @Test
    void collectOnce_databaseChecks_detailsReadAsText() {
        HealthSnapshot snap = monitor(QueryCache.NONE).collectOnce();

        // the detail was a Java map's rendering ({active=1}) and an ungrouped ten-digit number
        assertThat(snap.checks())
                .filteredOn(c -> c.name().equals("db_connections"))
                .singleElement()
                .satisfies(c -> assertThat(c.message()).matches("(\\w[\\w ]* \\d+)(, \\w[\\w ]* \\d+)*"));
        assertThat(snap.checks())
                .filteredOn(c -> c.name().equals("wraparound"))
                .singleElement()
                .satisfies(c -> assertThat(c.message()).matches("2,1\\d\\d,\\d{3},\\d{3} transactions left"));
    }

    @Test
    void collectOnce_slowMeanQuery_isCriticalOverallAndAlertsOncePerCooldown() {
        // mean of 400 ms and 800 ms = 600 ms ≥ 500 ms critical
        queries.onStatement("a", 400_000_000L, 1, false);
        queries.onStatement("b", 800_000_000L, 1, false);
        HealthMonitor m = monitor(QueryCache.NONE);

        HealthSnapshot first = m.collectOnce();
        m.collectOnce();

        assertThat(first.overall()).isEqualTo(Verdict.CRITICAL);
        assertThat(first.checks())
                .filteredOn(c -> c.name().equals("query_mean"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.value()).isEqualTo(600.0);
                    assertThat(c.verdict()).isEqualTo(Verdict.CRITICAL);
                });
        assertThat(alerts).extracting(Check::name).containsOnlyOnce("query_mean");

        clock.advance(Duration.ofMinutes(5));
        queries.onStatement("c", 600_000_000L, 1, false);
        m.collectOnce();
        assertThat(alerts)
                .extracting(Check::name)
                .filteredOn("query_mean"::equals)
                .hasSize(2);
        assertThat(m.history()).hasSize(3);
    }

    @Test
    void collectOnce_quietSystem_isHealthyOnEveryThresholdCheck() {
        queries.onStatement("fast", 2_000_000L, 1, false);

        HealthSnapshot s = monitor(QueryCache.NONE).collectOnce();

        assertThat(s.checks())
                .extracting(Check::name)
                .contains(
                        "pool", "acquire_p95", "query_mean", "cpu", "heap", "disk_read", "long_running", "wraparound");
        assertThat(s.checks())
                .filteredOn(c -> List.of("pool", "query_mean", "long_running", "wraparound")
                        .contains(c.name()))
                .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.HEALTHY));
    }

    @Test
    void collectOnce_failingCollector_isReportedAndOthersStillRun() {
        QueryCache broken = new QueryCache() {
            @Override
            public <T> T get(String region, String key, Supplier<T> loader) {
                return loader.get();
            }

            @Override
            public long invalidate(String pattern) {
                return 0;
            }

            @Override
            public long clear(String region) {
                return 0;
            }

            @Override
            public List<RegionStats> stats() {
                throw new IllegalStateException("stats exploded");
            }
        };

        HealthSnapshot s = monitor(broken).collectOnce();

        assertThat(s.checks())
                .filteredOn(c -> c.name().equals("cache_hit_rate"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.verdict()).isEqualTo(Verdict.CRITICAL);
                    assertThat(c.message()).contains("stats exploded");
                });
        assertThat(s.checks()).extracting(Check::name).contains("pool", "wraparound");
    }

    @Test
    void collectOnce_sharedCacheLevelDown_isWarningNamingTheQueue() {
        try (RedisL2 unreachable =
                new RedisL2("redis://127.0.0.1:1", Duration.ofMillis(100), new SimpleMeterRegistry())) {
            QueryCache cache = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), unreachable);
            cache.invalidate("bars:A:*");
            // the first connection's refusal settles it: until then it is connecting, not down (the test below)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (unreachable.health().connecting() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000L);
            }

            HealthSnapshot down = monitor(cache).collectOnce();
            HealthSnapshot none = monitor(QueryCache.NONE).collectOnce();

            assertThat(down.checks())
                    .filteredOn(c -> c.name().equals("cache_l2"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.verdict()).isEqualTo(Verdict.WARNING);
                        assertThat(c.message()).contains("1 invalidation pattern(s) queued");
                    });
            assertThat(none.checks()).extracting(Check::name).doesNotContain("cache_l2");
        }
    }

    @Test
    void sharedCacheLevelStillMakingItsFirstConnection_backgroundSaysConnectingAndAOneOffReportWaitsToJudgeIt()
            throws IOException {
        // a peer that accepts and never answers: the handshake fails after the 1 s connect timeout
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RedisL2 starting = new RedisL2(
                        "redis://127.0.0.1:" + silent.getLocalPort(),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(1),
                        new SimpleMeterRegistry())) {
            HealthMonitor m =
                    monitor(new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), starting));

            Check background = check(m.collectOnce(), "cache_l2");
            Check report = check(m.evaluateNow(), "cache_l2");

            // the background loop does not wait: connecting is not an outage
            assertThat(background.verdict()).isEqualTo(Verdict.HEALTHY);
            assertThat(background.message()).contains("connecting");
            // a one-off report (status, diagnose) of a process that has just started waits for the first connection
            assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
            assertThat(report.message()).startsWith("Redis unreachable");
        }
    }

    @Test
    void collectOnce_fewBorrowsInTheWindow_acquireP95IsNotJudgedThenIsFromFiftyOn() {
        try (Database fresh =
                Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            HealthMonitor m = new HealthMonitor(
                    fresh, queries, QueryCache.NONE, Thresholds.defaults(), clock, Duration.ofMinutes(5), alerts::add);
            fresh.queryOne("t", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1));

            Check few = check(m.collectOnce(), "acquire_p95");
            for (int i = 0; i < HealthMonitor.MIN_ACQUIRES; i++) {
                fresh.queryOne("t", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1));
            }
            Check enough = check(m.collectOnce(), "acquire_p95");

            assertThat(few.verdict()).isEqualTo(Verdict.HEALTHY);
            assertThat(few.warning()).isNaN();
            assertThat(few.message()).contains("too few to judge (under 50)");
            assertThat(enough.warning()).isEqualTo(Thresholds.defaults().acquireWarnMs());
            assertThat(enough.message()).doesNotContain("too few").contains("borrows, last 5 minutes");
        }
    }

    private static Check check(HealthSnapshot s, String name) {
        return s.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void verdictOf_thresholds_areInclusive() {
        assertThat(Verdict.of(69.9, 70, 85)).isEqualTo(Verdict.HEALTHY);
        assertThat(Verdict.of(70, 70, 85)).isEqualTo(Verdict.WARNING);
        assertThat(Verdict.of(85, 70, 85)).isEqualTo(Verdict.CRITICAL);
        assertThat(Verdict.of(Double.NaN, 70, 85)).isEqualTo(Verdict.HEALTHY);
    }
}
