package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Two instances sharing Redis: shared values, broadcast invalidation, and no failed request when Redis stops.
 * Uses a Redis server of its own (from the embedded-redis package) so it can stop and restart it.
 */
class RedisL2IT {
    private RedisServer redis;
    private int port;
    private final SimpleMeterRegistry registryA = new SimpleMeterRegistry();
    private RedisL2 l2a;
    private RedisL2 l2b;
    private CaffeineQueryCache a;
    private CaffeineQueryCache b;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .build();
        redis.start();
        String url = "redis://127.0.0.1:" + port;
        l2a = new RedisL2(url, Duration.ofMillis(250), registryA);
        l2b = new RedisL2(url, Duration.ofMillis(250), new SimpleMeterRegistry());
        a = new CaffeineQueryCache(RegionSpec.defaults(), registryA, l2a);
        b = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), l2b);
        await(() -> l2a.isUp() && l2b.isUp());
    }

    @AfterEach
    void stop() throws IOException {
        l2a.close();
        l2b.close();
        redis.stop();
    }

    @Test
    void get_valueLoadedByOneInstance_isServedToTheOtherFromRedis() {
        AtomicInteger loads = new AtomicInteger();
        String v1 = a.get("market_data", "bars:AAPL:1h:last:2", () -> "v" + loads.incrementAndGet());
        String v2 = b.get("market_data", "bars:AAPL:1h:last:2", () -> "v" + loads.incrementAndGet());

        assertThat(v1).isEqualTo("v1");
        assertThat(v2).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void invalidate_onOneInstance_dropsTheOthersLocalEntry() throws InterruptedException {
        a.get("market_data", "bars:AAPL:1h:x", () -> "old");
        b.get("market_data", "bars:AAPL:1h:x", () -> "old");
        CountDownLatch heard = new CountDownLatch(1);
        l2b.onRemoteInvalidation(p -> heard.countDown());

        a.invalidate("bars:AAPL:*");

        assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.get("market_data", "bars:AAPL:1h:x", () -> "new")).isEqualTo("new");
    }

    @Test
    void redisStoppedMidTest_everyRequestStillSucceedsThenReconnects() throws IOException {
        a.get("signals", "k0", () -> "v0");
        redis.stop();

        for (int i = 0; i < 50; i++) {
            int n = i;
            assertThat(a.get("signals", "k" + n + "-after", () -> "fresh" + n)).isEqualTo("fresh" + n);
        }
        assertThat(a.invalidate("k*")).isPositive();
        assertThat(registryA.get("cache.l2.errors").counter().count()).isPositive();
        assertThat(l2a.isUp()).isFalse();

        redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .build();
        redis.start();
        await(l2a::isUp);
        assertThat(a.get("signals", "back", () -> "ok")).isEqualTo("ok");
    }

    /** Polls a condition the code signals asynchronously (Redis connects in the background), 10 s at most. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
