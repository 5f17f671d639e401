package io.dgas.store.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis (Lettuce) as the shared second level: values under {@code dgas:cache:<region>:<key>} with the region's TTL,
 * invalidations broadcast on the {@code dgas:cache:invalidate} channel to every instance.
 *
 * <p>Design notes: Redis must never fail or slow a request. Commands time out after {@code commandTimeout}; while
 * disconnected, Lettuce rejects commands at once rather than queueing them. Any failure counts in
 * {@code cache_l2_errors_total}, logs one warning per outage (not per request), and the lookup falls back to the
 * local level and the database. A connection that was never made is retried in the background; one that drops is
 * re-established by Lettuce's auto-reconnect.
 */
public final class RedisL2 implements L2, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisL2.class);
    private static final String CHANNEL = "dgas:cache:invalidate";
    private static final String PREFIX = "dgas:cache:";

    private final RedisClient client;
    private final String instanceId = UUID.randomUUID().toString();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reconnector;
    private final Counter errors;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean healthy;
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();

    public RedisL2(String url, Duration commandTimeout, MeterRegistry registry) {
        client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        client.setDefaultTimeout(commandTimeout);
        errors = Counter.builder("cache.l2.errors")
                .description("Failed Redis L2 operations")
                .register(registry);
        Gauge.builder("cache.l2.up", this, r -> r.isUp() ? 1 : 0).register(registry);
        reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgas-redis-connect");
            t.setDaemon(true);
            return t;
        });
        reconnector.execute(this::connect);
    }

    private void connect() {
        try {
            if (connection == null) {
                connection = client.connect(ByteArrayCodec.INSTANCE);
            }
            if (pubsub == null) {
                StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub();
                ps.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        int bar = message.indexOf('|');
                        if (bar > 0 && !message.substring(0, bar).equals(instanceId)) {
                            String pattern = message.substring(bar + 1);
                            listeners.forEach(l -> l.accept(pattern));
                        }
                    }
                });
                ps.sync().subscribe(CHANNEL);
                pubsub = ps;
            }
            if (!healthy) {
                LOG.info("Redis L2 cache connected");
            }
            healthy = true;
        } catch (RuntimeException e) {
            failed(e);
            reconnector.schedule(this::connect, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether the shared level currently answers. A connection found closed while it was believed healthy counts as
     * a failure (one warning, the error metric, a background probe), just as a failed command would.
     */
    public boolean isUp() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        boolean open = c != null && c.isOpen();
        if (healthy && !open) {
            failed(new IllegalStateException("connection to Redis lost"));
        }
        return healthy && open;
    }

    @Override
    public Object get(String region, String key) {
        if (!isUp()) {
            return null;
        }
        try {
            byte[] bytes = connection.sync().get(bytes(PREFIX + region + ":" + key));
            return bytes == null ? null : ValueCodec.decode(bytes);
        } catch (RuntimeException e) {
            failed(e);
            return null;
        }
    }

    @Override
    public <T> T put(String region, String key, T value, Duration ttl) {
        byte[] encoded = value == null ? null : ValueCodec.encode(value);
        if (encoded != null && isUp()) {
            try {
                connection.sync().psetex(bytes(PREFIX + region + ":" + key), ttl.toMillis(), encoded);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return value;
    }

    @Override
    public void invalidate(String pattern) {
        if (!isUp()) {
            return;
        }
        try {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            ScanArgs args = ScanArgs.Builder.matches(PREFIX + "*:" + escapeGlob(pattern))
                    .limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = redis.scan(cursor, args);
                if (!page.getKeys().isEmpty()) {
                    redis.del(page.getKeys().toArray(new byte[0][]));
                }
                cursor = page;
            } while (!cursor.isFinished());
            pubsub.sync().publish(CHANNEL, instanceId + "|" + pattern);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void onRemoteInvalidation(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void failed(RuntimeException e) {
        errors.increment();
        if (healthy || connection == null) {
            LOG.warn("Redis L2 cache unavailable, caching locally only until it returns: {}", e.getMessage());
        }
        healthy = false;
        if (connection != null && probing.compareAndSet(false, true)) {
            reconnector.schedule(this::probe, 500, TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try {
            if ("PONG".equals(connection.sync().ping())) {
                healthy = true;
                probing.set(false);
                LOG.info("Redis L2 cache available again");
                return;
            }
        } catch (RuntimeException e) {
            // still down: try again below
        }
        reconnector.schedule(this::probe, 500, TimeUnit.MILLISECONDS);
    }

    /** Escapes Redis glob metacharacters other than {@code *}. */
    static String escapeGlob(String pattern) {
        return pattern.replaceAll("([?\\[\\]\\\\])", "\\\\$1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reconnector.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
