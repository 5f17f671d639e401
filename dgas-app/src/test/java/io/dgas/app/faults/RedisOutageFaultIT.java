package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.web.WebServer;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis killed (SIGKILL) and restarted under read load through two dgas servers ("instances" A and B, each with its
 * own local caches) that share it as L2 over one database. During the outage A corrects a bar; the invalidation cannot
 * reach B through Redis. Proves, with counts: no failed request; no stale read on B after the correction (B bypasses
 * its local level while it cannot hear invalidations, then clears it on reconnect); {@code
 * /health} says degraded while Redis is down and healthy after.
 */
class RedisOutageFaultIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> SYMBOLS = List.of("RDA", "RDB", "RDC", "RDD");
    private static final String CHANGED = "RDA";
    private static final Instant FIRST = Instant.parse("2025-01-06T00:00:00Z");
    private static final int BARS = 60;
    private static final double OLD_CLOSE = 100 + BARS - 1;
    private static final double NEW_CLOSE = 5000;
    private static final long OUTAGE = TimeUnit.SECONDS.toNanos(4);

    @TempDir
    Path dir;

    private RedisChild redis;
    private final List<AppContext> contexts = new ArrayList<>();
    private final List<WebServer> servers = new ArrayList<>();

    /** One answered (or failed) read. */
    private record Read(int instance, String symbol, long startNanos, int status, double lastClose) {}

    @AfterEach
    void stop() throws InterruptedException {
        servers.forEach(WebServer::close);
        contexts.forEach(AppContext::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisKilledAndRestartedUnderLoad_noFailureNoStaleReadAfterReconnectHealthDegradedThenHealthy()
            throws Exception {
        redis = RedisChild.start(dir);
        WebServer a = instance("a");
        WebServer b = instance("b");
        await(
                "both instances healthy with Redis",
                15,
                () -> status(a).equals("healthy") && status(b).equals("healthy"));
        ingest(contexts.get(0), bars(OLD_CLOSE));

        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int instance = t % 2;
            WebServer server = instance == 0 ? a : b;
            int offset = t;
            Thread th = new Thread(() -> readLoop(server, instance, offset, running, reads, done), "reader-" + t);
            th.start();
            readers.add(th);
        }
        long warm = done.get();
        await("warm-up reads", 30, () -> done.get() >= warm + 300);

        long killed = System.nanoTime();
        redis.kill9();
        await(
                "both instances degraded",
                10,
                () -> status(a).equals("degraded") && status(b).equals("degraded"));
        // the correction, through A's own ingest path (its invalidation cannot reach B while Redis is down)
        ingest(contexts.get(0), header() + bar(CHANGED, BARS - 1, NEW_CLOSE));
        long written = System.nanoTime();
        long atWrite = done.get();
        // an outage of a few seconds under load, not just a blip
        await("reads during the outage", 30, () -> done.get() >= atWrite + 300 && System.nanoTime() - killed > OUTAGE);
        assertThat(status(a)).isEqualTo("degraded");
        assertThat(status(b)).isEqualTo("degraded");

        long restarted = System.nanoTime();
        redis.restart();
        long[] healthyAt = new long[2];
        await("both instances healthy again", 15, () -> {
            for (int i = 0; i < 2; i++) {
                if (healthyAt[i] == 0 && status(i == 0 ? a : b).equals("healthy")) {
                    healthyAt[i] = System.nanoTime();
                }
            }
            return healthyAt[0] != 0 && healthyAt[1] != 0;
        });
        long recovered = Math.max(healthyAt[0], healthyAt[1]);
        long atRecovery = done.get();
        await("reads after recovery", 30, () -> done.get() >= atRecovery + 600);
        running.set(false);
        for (Thread th : readers) {
            th.join(TimeUnit.SECONDS.toMillis(20));
        }

        long failures = reads.stream().filter(r -> r.status() != 200).count();
        long staleAfterReconnect = reads.stream()
                .filter(r -> r.symbol().equals(CHANGED) && r.lastClose() == OLD_CLOSE)
                .filter(r -> r.startNanos() > healthyAt[r.instance()] && r.startNanos() > written)
                .count();
        long staleOnWriter = reads.stream()
                .filter(r -> r.instance() == 0 && r.symbol().equals(CHANGED) && r.lastClose() == OLD_CLOSE)
                .filter(r -> r.startNanos() > written)
                .count();
        long outageWindowStaleOnB = reads.stream()
                .filter(r -> r.instance() == 1 && r.symbol().equals(CHANGED) && r.lastClose() == OLD_CLOSE)
                .filter(r -> r.startNanos() > written && r.startNanos() <= healthyAt[1])
                .count();
        long freshOnBAfter = reads.stream()
                .filter(r -> r.instance() == 1 && r.symbol().equals(CHANGED) && r.lastClose() == NEW_CLOSE)
                .filter(r -> r.startNanos() > healthyAt[1])
                .count();
        System.out.printf(
                Locale.ROOT,
                "redis-outage: requests %d, failures %d, stale reads after reconnect %d (writer %d; B before its"
                        + " reconnect %d, local level bypassed), outage %.1f s, recovery %.2f s after restart%n",
                reads.size(),
                failures,
                staleAfterReconnect,
                staleOnWriter,
                outageWindowStaleOnB,
                (restarted - killed) / 1e9,
                (recovered - restarted) / 1e9);

        assertThat(failures).as("failed requests").isZero();
        assertThat(staleOnWriter).as("stale reads on the writing instance").isZero();
        assertThat(staleAfterReconnect).as("stale reads after reconnect").isZero();
        assertThat(outageWindowStaleOnB)
                .as("stale reads on B once it saw the outage (its local level is bypassed)")
                .isZero();
        assertThat(freshOnBAfter).as("B reads the correction after reconnect").isPositive();
    }

    private WebServer instance(String name) {
        Path home = dir.resolve(name);
        Map<String, String> flags = Map.of(
                ConfigKeys.DB_URL,
                PG.jdbcUrl(),
                ConfigKeys.REDIS_ENABLED,
                "true",
                ConfigKeys.REDIS_URL,
                redis.url(),
                // long enough that only an invalidation (never expiry) can make B fresh within the test
                ConfigKeys.regionTtl("market_data"),
                "600s");
        AppContext ctx = new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home).load(null, flags, Map.of()),
                Clock.systemUTC());
        contexts.add(ctx);
        WebServer server = WebServer.start(ctx, "127.0.0.1", 0, "fault-token");
        servers.add(server);
        return server;
    }

    private static void readLoop(
            WebServer server,
            int instance,
            int offset,
            AtomicBoolean running,
            ConcurrentLinkedQueue<Read> reads,
            AtomicLong done) {
        for (int i = offset; running.get(); i++) {
            String symbol = SYMBOLS.get(i % SYMBOLS.size());
            long start = System.nanoTime();
            int status;
            double close = Double.NaN;
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/bars/" + symbol
                                        + "?interval=1h&last=20"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                if (status == 200) {
                    JsonNode bars = JSON.readTree(r.body()).get("bars");
                    close = bars.get(bars.size() - 1).get("close").asDouble();
                }
            } catch (Exception e) {
                status = -1;
            }
            reads.add(new Read(instance, symbol, start, status, close));
            done.incrementAndGet();
        }
    }

    private static String status(WebServer server) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).get("status").asText();
        } catch (Exception e) {
            return "unreachable: " + e;
        }
    }

    private static String header() {
        return "timestamp,symbol,interval,open,high,low,close,volume\n";
    }

    /** Every symbol's {@code BARS} hourly bars; the last bar of {@link #CHANGED} closes at {@code lastClose}. */
    private static String bars(double lastClose) {
        StringBuilder csv = new StringBuilder(header());
        for (String s : SYMBOLS) {
            for (int i = 0; i < BARS; i++) {
                csv.append(bar(s, i, s.equals(CHANGED) && i == BARS - 1 ? lastClose : 100 + i));
            }
        }
        return csv.toString();
    }

    /** Bar {@code i} of {@code symbol}: opens at 100 + i, closes at {@code close}. */
    private static String bar(String symbol, int i, double close) {
        double open = 100.0 + i;
        return String.format(
                Locale.ROOT,
                "%s,%s,1h,%.1f,%.1f,%.1f,%.1f,1000%n",
                FIRST.plusSeconds(3600L * i),
                symbol,
                open,
                Math.max(open, close),
                Math.min(open, close),
                close);
    }

    private static void ingest(AppContext ctx, String csv) {
        new BarIngestor(ctx.database(), ctx.ingestListener())
                .ingest(
                        "fault.csv",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
    }

    /** Polls {@code condition} until it holds, failing after {@code seconds}. */
    private static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
