package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.DgasException;
import io.dgas.app.AppContext;
import io.dgas.store.SqlSession;
import io.dgas.store.cache.L2Health;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.monitor.QueryMonitor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP face of a running dgas: Prometheus at {@code /metrics}, {@code /health}, and a JSON API. Admin and write
 * endpoints require {@code Authorization: Bearer <token>}. A database that cannot serve (down, restarting, no pooled
 * connection within the acquire timeout) is a 503 with {@code Retry-After} and a JSON error ({@link FailureResponses}).
 */
public final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = io.dgas.app.Json.MAPPER;
    /** How long {@link #close} waits for in-flight requests before cutting them off. */
    static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(20);

    private final Javalin app;
    private final AppContext ctx;
    private final String token;
    private final BarsApi bars;

    private WebServer(AppContext ctx, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token is required (a blank one would match any caller)");
        }
        this.ctx = ctx;
        this.token = token;
        this.bars = new BarsApi(ctx);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // graceful stop: stop accepting, let in-flight requests finish (Javalin nests its handler inside)
            config.jetty.modifyServer(server -> {
                server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            config.routes.exception(DgasException.class, FailureResponses::handle);
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/health", this::health);
            config.routes.get("/api/monitor/queries", this::queries);
            config.routes.get("/api/cache/stats", c -> json(c, ctx.cache().stats()));
            config.routes.get("/api/v1/bars/{symbol}", c -> json(c, bars.read(c)));
            config.routes.get(
                    "/api/monitor/calculations", c -> json(c, ctx.profiler().snapshot()));
            config.routes.post("/api/cache/clear", this::clearCache);
            config.routes.post("/api/cache/invalidate", c -> {
                requireToken(c);
                String pattern = c.queryParam("pattern");
                if (pattern == null || pattern.isBlank()) {
                    c.status(400);
                    json(c, Map.of("error", "query parameter 'pattern' is required, e.g. bars:AAPL:*"));
                    return;
                }
                json(c, Map.of("pattern", pattern, "removed", ctx.cache().invalidate(pattern)));
            });
        });
    }

    /** Starts listening on {@code host:port} (port 0: any free port). */
    public static WebServer start(AppContext ctx, String host, int port, String adminToken) {
        WebServer server = new WebServer(ctx, adminToken);
        server.app.start(host, port);
        return server;
    }

    public int port() {
        return app.port();
    }

    private void metrics(Context c) {
        c.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(ctx.meters().scrape());
    }

    private void health(Context c) {
        Map<String, Object> body = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            ctx.database().queryOne("health.ping", "SELECT 1", SqlSession.Binder.NONE, rs -> rs.getInt(1));
            body.put("status", "healthy");
            body.put("database_ms", (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            body.put("status", "critical");
            body.put("error", e.getMessage());
            FailureResponses.unavailable(c);
        }
        L2Health l2 = ctx.cache().l2Health();
        if (l2 != null) {
            // Redis down fails nothing (local caching only) but is not healthy: say so without failing the probe
            body.put("cache_l2", l2);
            if (!l2.up() && "healthy".equals(body.get("status"))) {
                body.put("status", "degraded");
            }
        }
        body.put("pool", ctx.database().poolStats());
        java.util.List<io.dgas.store.health.HealthSnapshot> history =
                ctx.health().history();
        if (!history.isEmpty()) {
            body.put("latest", history.get(history.size() - 1));
        }
        json(c, body);
    }

    private void clearCache(Context c) {
        requireToken(c);
        String region = c.queryParam("region");
        if (region != null && !region.isBlank() && !RegionSpec.names().contains(region)) {
            json(
                    c,
                    ParameterError.of(
                            c, "region", region, "unknown cache region '" + region + "'", RegionSpec.names()));
            return;
        }
        json(c, Map.of("removed", ctx.cache().clear(region == null || region.isBlank() ? null : region)));
    }

    private void queries(Context c) {
        QueryMonitor m = ctx.queryMonitor();
        json(
                c,
                m == null
                        ? Map.of("enabled", false)
                        : Map.of("enabled", true, "statements", m.stats(), "slow", m.slowQueries()));
    }

    private void requireToken(Context c) {
        String header = c.header("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        byte[] wanted = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, wanted)) {
            throw new UnauthorizedResponse("admin token required (Authorization: Bearer …)");
        }
    }

    private static void json(Context c, Object body) {
        try {
            c.contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** Stops accepting, waits up to {@link #STOP_TIMEOUT} for requests in flight, then stops. */
    @Override
    public void close() {
        app.stop();
    }
}
