package io.dgas.store.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * re-established by Lettuce's auto-reconnect (at most a second apart), and a dropped connection is noticed at once
 * through the connection listener, traffic or not.
 *
 * <p>Nothing stale survives an outage, by doing both of two things on reconnect, before the level counts as up again:
 * invalidations made here during the outage were queued ({@link PendingInvalidations}) and are replayed (their shared
 * entries deleted, the other instances told), because an instance that stayed connected, and shared entries that
 * survived (Redis not restarted, only unreachable from here), would otherwise keep what they changed; and this
 * instance's local regions are cleared, because pub/sub is not durable, so broadcasts sent while this instance was
 * disconnected are lost and replaying can't recover them. Clearing costs one reload per hot key after an outage.
 * During the outage each instance caches locally only: another instance's write is seen here at reconnect or when the
 * entry's TTL ends, whichever comes first.
 */
public final class RedisL2 implements L2, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisL2.class);
    private static final String CHANNEL = "dgas:cache:invalidate";
    private static final String PREFIX = "dgas:cache:";

    static final int MAX_QUEUED = 1000;
    /**
     * The time a connection's set-up (TCP and handshake) is given by default: generous, as a process's first connection
     * also loads and initialises Lettuce and Netty, which took over a second on a loaded two-core machine.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientResources resources;
    private final RedisClient client;
    private final String instanceId = UUID.randomUUID().toString();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reconnector;
    private final Counter errors;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean healthy;
    /** Opens when the first connection has come up or failed, or on close (before: {@link L2Health#connecting}). */
    private final CountDownLatch settled = new CountDownLatch(1);

    private volatile boolean closed;
    /** Guards the transitions of healthy, probing, failures and the queue, so that none is lost between them. */
    private final Object state = new Object();

    private boolean probing;
    private long failures;
    private final PendingInvalidations queued = new PendingInvalidations(MAX_QUEUED);

    /** A level whose connections get {@link #CONNECT_TIMEOUT} to be set up. */
    public RedisL2(String url, Duration commandTimeout, MeterRegistry registry) {
        this(url, commandTimeout, CONNECT_TIMEOUT, registry);
    }

    /**
     * @param commandTimeout how long a command may take before the lookup falls back to the local level
     * @param connectTimeout how long a connection's set-up (TCP and handshake) may take: a Redis that accepts and
     *     does not answer would otherwise hold the first connection for Lettuce's default minute
     */
    public RedisL2(String url, Duration commandTimeout, Duration connectTimeout, MeterRegistry registry) {
        resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(connectTimeout);
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(
                        SocketOptions.builder().connectTimeout(connectTimeout).build())
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        client.setDefaultTimeout(commandTimeout);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (!closed) {
                    failed(new IllegalStateException("connection to Redis lost"));
                }
            }
        });
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
        } catch (RuntimeException e) {
            failed(e);
            later(this::connect, 2000);
            return;
        }
        // the first connection recovers like a reconnection: writes may have been queued before it
        startProbe(0);
    }

    /**
     * Whether the shared level currently answers. A connection found closed while it was believed healthy counts as
     * a failure (one warning, the error metric, a background probe), just as a failed command would.
     */
    @Override
    public boolean delivering() {
        return isUp();
    }

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

    /**
     * Drops the shared entries and tells the other instances; while the level is down the pattern is queued for
     * replay on reconnect instead of being lost.
     */
    @Override
    public void invalidate(String pattern) {
        // a few rounds: the level may come back between the check and the queue (then the pattern goes out now)
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!isUp() && queue(pattern)) {
                return;
            }
            try {
                broadcast(pattern);
                return;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        LOG.warn("Redis L2 invalidation of '{}' not delivered: the connection keeps failing", pattern);
    }

    /** Queues {@code pattern} unless the level counts as up (then the caller sends it); under the state lock. */
    private boolean queue(String pattern) {
        synchronized (state) {
            if (healthy) {
                return false;
            }
            queued.add(pattern);
            return true;
        }
    }

    private void broadcast(String pattern) {
        RedisCommands<byte[], byte[]> redis = connection.sync();
        ScanArgs args =
                ScanArgs.Builder.matches(PREFIX + "*:" + escapeGlob(pattern)).limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = redis.scan(cursor, args);
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(new byte[0][]));
            }
            cursor = page;
        } while (!cursor.isFinished());
        pubsub.sync().publish(CHANNEL, instanceId + "|" + pattern);
    }

    @Override
    public void onRemoteInvalidation(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public L2Health health() {
        boolean up = isUp();
        int pending;
        synchronized (state) {
            pending = queued.size();
        }
        if (!up && settled.getCount() > 0) {
            return new L2Health(false, pending, "Redis connecting (this process's first connection)", true);
        }
        return new L2Health(
                up,
                pending,
                up
                        ? "Redis answering"
                        : "Redis unreachable: caching locally only; " + pending + " invalidation pattern(s) queued for"
                                + " replay, local regions cleared on reconnect");
    }

    @Override
    public L2Health health(Duration max) {
        try {
            settled.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return health();
    }

    private void failed(RuntimeException e) {
        if (closed) {
            // closing cuts a connection being made: not an outage (a short CLI command warned 'unavailable' at exit)
            return;
        }
        errors.increment();
        boolean probe;
        settled.countDown();
        synchronized (state) {
            failures++;
            if (healthy || connection == null) {
                LOG.warn("Redis L2 cache unavailable, caching locally only until it returns: {}", e.getMessage());
            }
            healthy = false;
            probe = pubsub != null;
        }
        if (probe) {
            startProbe(500);
        }
    }

    private void startProbe(long delayMillis) {
        synchronized (state) {
            if (probing || closed) {
                return;
            }
            probing = true;
        }
        later(this::probe, delayMillis);
    }

    /** Runs {@code task} on the background thread after a delay; nothing once closed. */
    private void later(Runnable task, long delayMillis) {
        try {
            reconnector.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: nothing left to reconnect
        }
    }

    /**
     * Until Redis answers on both connections: replay what was queued, clear the local regions (see the class notes),
     * then count the level as up, unless a new failure or a new queued pattern came in meanwhile (then again).
     */
    private void probe() {
        long seen;
        synchronized (state) {
            seen = failures;
        }
        try {
            StatefulRedisPubSubConnection<String, String> ps = pubsub;
            if (ps != null && ps.isOpen() && "PONG".equals(connection.sync().ping())) {
                replayQueued();
                listeners.forEach(l -> l.accept(PendingInvalidations.ALL));
                synchronized (state) {
                    if (failures == seen && queued.size() == 0) {
                        healthy = true;
                        settled.countDown();
                        probing = false;
                        LOG.info("Redis L2 cache available");
                        return;
                    }
                }
            }
        } catch (RuntimeException e) {
            // still down: try again below
        }
        later(this::probe, 500);
    }

    private void replayQueued() {
        List<String> pending;
        synchronized (state) {
            pending = queued.snapshot();
        }
        for (String pattern : pending) {
            broadcast(pattern);
            synchronized (state) {
                queued.remove(pattern);
            }
        }
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
        closed = true;
        settled.countDown();
        reconnector.shutdownNow();
        try {
            // a connection being made fails once interrupted: let it end (quietly, see failed) before the client goes
            reconnector.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
