package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        startRedis();
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

        startRedis();
        await(l2a::isUp);
        assertThat(a.get("signals", "back", () -> "ok")).isEqualTo("ok");
    }

    @Test
    void invalidateWhileRedisDown_otherInstanceReadsFreshAfterReconnectAndHealthSaysDown() throws IOException {
        a.get("market_data", "bars:AAPL:1h:last:2", () -> "old");
        b.get("market_data", "bars:AAPL:1h:last:2", () -> "old");
        redis.stop();
        await(() -> !l2a.isUp() && !l2b.isUp());

        a.invalidate("bars:AAPL:*");
        L2Health down = a.l2Health();

        assertThat(down.up()).isFalse();
        assertThat(down.queuedInvalidations()).isEqualTo(1);
        assertThat(a.get("market_data", "bars:AAPL:1h:last:2", () -> "new")).isEqualTo("new");
        startRedis();
        await(() -> l2a.isUp() && l2b.isUp());
        assertThat(b.get("market_data", "bars:AAPL:1h:last:2", () -> "new")).isEqualTo("new");
        assertThat(a.l2Health()).isEqualTo(new L2Health(true, 0, "Redis answering"));
    }

    @Test
    void invalidateBeforeThisInstanceReachesRedis_isReplayedToTheOtherOnConnect() throws Exception {
        b.get("market_data", "bars:MSFT:1h:x", () -> "old");
        CountDownLatch heard = new CountDownLatch(1);
        l2b.onRemoteInvalidation(p -> {
            if (p.equals("bars:MSFT:*")) {
                heard.countDown();
            }
        });
        int proxyPort;
        try (ServerSocket s = new ServerSocket(0)) {
            proxyPort = s.getLocalPort();
        }
        // this instance cannot reach Redis yet (as behind a partition) while B stays connected and hears nothing
        try (RedisL2 cutOff =
                new RedisL2("redis://127.0.0.1:" + proxyPort, Duration.ofMillis(250), new SimpleMeterRegistry())) {
            CaffeineQueryCache c = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), cutOff);
            c.invalidate("bars:MSFT:*");
            assertThat(cutOff.health().queuedInvalidations()).isEqualTo(1);

            Relay relay = new Relay(proxyPort, port);
            try {
                await(cutOff::isUp);

                assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(b.get("market_data", "bars:MSFT:1h:x", () -> "new")).isEqualTo("new");
                assertThat(cutOff.health().queuedInvalidations()).isZero();
            } finally {
                relay.close();
            }
        }
    }

    @Test
    void health_firstConnectionNotYetAnswered_isConnectingThenUnreachableOnceItFails() throws Exception {
        // a peer that accepts the connection and never answers: the handshake waits out the 0.5 s connect timeout
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RedisL2 starting = new RedisL2(
                        "redis://127.0.0.1:" + silent.getLocalPort(),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        new SimpleMeterRegistry())) {
            L2Health first = starting.health();

            assertThat(first.up()).isFalse();
            assertThat(first.connecting()).isTrue();
            assertThat(first.detail()).contains("connecting");
            await(() -> !starting.health().connecting());
            assertThat(starting.health().up()).isFalse();
            assertThat(starting.health().detail()).startsWith("Redis unreachable");
        }
    }

    @Test
    void close_whileTheFirstConnectionIsBeingMade_countsNoFailure() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisL2 starting = new RedisL2(
                    "redis://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(250),
                    Duration.ofSeconds(5),
                    registry);
            // the connection is being made once the peer has accepted it (the handshake then waits for an answer)
            silent.setSoTimeout(10_000);
            try (Socket accepted = silent.accept()) {
                assertThat(starting.health().connecting()).isTrue();

                starting.close();
            }
        }

        // closing interrupts the connection being made; that is not an outage (no warning, no error counted)
        assertThat(registry.get("cache.l2.errors").counter().count()).isZero();
    }

    /** A loopback TCP relay from one port to another: the way in for an instance that could not reach Redis. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        Relay(int from, int to) throws IOException {
            server = new ServerSocket(from, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                Socket in = server.accept();
                                Socket out = new Socket(InetAddress.getLoopbackAddress(), to);
                                sockets.add(in);
                                sockets.add(out);
                                pipe(in, out);
                                pipe(out, in);
                            } catch (IOException e) {
                                // closed
                            }
                        }
                    },
                    "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(
                    () -> {
                        try {
                            from.getInputStream().transferTo(to.getOutputStream());
                        } catch (IOException e) {
                            // one side closed
                        }
                    },
                    "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private void startRedis() throws IOException {
        redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .build();
        redis.start();
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
