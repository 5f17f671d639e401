package io.dgas.app.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every finished request: one log line (method, path, status, milliseconds) on {@code io.dgas.http}, and the timer
 * {@code http.server.requests} (Prometheus {@code http_server_requests_seconds}) tagged by method, route template
 * (never the concrete path, so one timer per route), and status. The query string is never logged: it may carry
 * values a caller considers secret, and tokens travel in a header that is never read here.
 */
final class RequestMetrics {
    private static final Logger LOG = LoggerFactory.getLogger("io.dgas.http");

    private final MeterRegistry registry;
    /**
     * The timers by tags, found without building and sorting a tag set per request (that was a fifth of the server's
     * time on a cached answer); bounded, as routes and statuses are.
     */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, String uri, int status) {}

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context c, Float millis) {
        int status = c.statusCode();
        record(c.method().name(), c.path(), template(c, status), status, millis == null ? 0 : millis);
    }

    /**
     * One finished request by its parts: {@code path} without the query string, {@code template} the route's
     * (what {@link #template} gives for a Javalin request).
     */
    void record(String method, String path, String template, int status, double ms) {
        timers.computeIfAbsent(
                        new Key(method, template, status),
                        k -> Timer.builder("http.server.requests")
                                .description("HTTP requests by route template and status")
                                .tag("method", k.method())
                                .tag("uri", k.uri())
                                .tag("status", Integer.toString(k.status()))
                                .register(registry))
                .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {} ms", method, path, status, String.format(java.util.Locale.ROOT, "%.1f", ms));
        }
    }

    /** The matched route's template ({@code /api/v1/bars/{symbol}}); static files and unmatched paths in two buckets. */
    static String template(Context c, int status) {
        try {
            String path = c.endpoint().path;
            if (path != null && !path.isEmpty()) {
                return path;
            }
        } catch (RuntimeException noEndpoint) {
            // no route matched: a static file or nothing
        }
        return status == 404 ? "NOT_FOUND" : "STATIC";
    }
}
