package io.dgas.app;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.StatementObserver;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.L2;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RedisL2;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.monitor.QueryMonitor;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The observability parts of the context, each switched by configuration: a switched-off part is its null object
 * ({@link StatementObserver#NONE}, {@link QueryCache#NONE}, {@link L2#NONE}), never an {@code if} at the call sites.
 */
public final class Telemetry implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final QueryMonitor queryMonitor;
    private final L2 l2;
    private final QueryCache cache;

    Telemetry(DgasConfig config, Clock clock) {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        registry.counter("dgas.ingest.rows");
        io.micrometer.core.instrument.Timer.builder("dgas.cycle.duration")
                .description("Prediction cycle wall time")
                .register(registry);
        for (String type : List.of("long", "short", "exit_long", "exit_short")) {
            registry.counter("dgas.signals", "type", type);
        }
        queryMonitor = config.bool(ConfigKeys.QUERY_MONITOR)
                ? new QueryMonitor(
                        registry,
                        clock,
                        Duration.ofMillis(config.intValue(ConfigKeys.SLOW_QUERY_MS)),
                        Duration.ofMillis(config.intValue(ConfigKeys.SLOW_BULK_QUERY_MS)),
                        Duration.ofMinutes(5))
                : null;
        l2 = config.bool(ConfigKeys.CACHE_ENABLED) && config.bool(ConfigKeys.REDIS_ENABLED)
                ? new RedisL2(config.string(ConfigKeys.REDIS_URL).orElseThrow(), Duration.ofMillis(250), registry)
                : L2.NONE;
        cache = config.bool(ConfigKeys.CACHE_ENABLED)
                ? new CaffeineQueryCache(regions(config), registry, l2)
                : QueryCache.NONE;
    }

    private static List<RegionSpec> regions(DgasConfig config) {
        return RegionSpec.defaults().stream()
                .map(r -> new RegionSpec(
                        r.name(),
                        config.intValue(ConfigKeys.regionSize(r.name())),
                        Duration.ofSeconds(config.seconds(ConfigKeys.regionTtl(r.name())))))
                .toList();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The statement observer: the query monitor, or nothing when it is switched off. */
    StatementObserver observer() {
        return queryMonitor == null ? StatementObserver.NONE : queryMonitor;
    }

    /** The query monitor, or null when switched off. */
    QueryMonitor queryMonitor() {
        return queryMonitor;
    }

    QueryCache cache() {
        return cache;
    }

    @Override
    public void close() {
        if (l2 instanceof RedisL2 redis) {
            redis.close();
        }
        gcMetrics.close();
        registry.close();
    }
}
