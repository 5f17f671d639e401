package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.DgasException;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.events.EventHub;
import io.dgas.app.events.EventListener;
import io.dgas.app.events.RemoteChanges;
import io.dgas.store.SqlSession;
import io.dgas.store.cache.L2Health;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.monitor.QueryMonitor;
import io.dgas.store.replica.ReplicaStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of a running dgas: Prometheus at {@code /metrics}, {@code /health}, and the JSON API under
 * {@code /api/v1} ({@link ApiV1}, documented at {@code /api/v1/openapi.json}). Admin and write endpoints require
 * {@code Authorization: Bearer <token>} (reads too with {@code web.auth: all}; see {@link Auth}). A database that cannot serve (down, restarting, no pooled
 * connection within the acquire timeout) is a 503 with {@code Retry-After} and a JSON error ({@link FailureResponses}).
 */
public final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = io.dgas.app.Json.MAPPER;
    /** How long {@link #close} waits for in-flight requests before cutting them off. */
    static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(20);

    private final Javalin app;
    private final AppContext ctx;
    private final Auth auth;
    private final RouteTable api;
    private final EventHub events;
    private final EventListener listener;
    private final LeanReads leanReads;

    private WebServer(AppContext ctx, String token, boolean lean) {
        this.ctx = ctx;
        this.auth = new Auth(
                token, "all".equals(ctx.config().string(ConfigKeys.WEB_AUTH).orElse("writes")));
        this.events = new EventHub(java.time.Duration.ofSeconds(ctx.config().seconds(ConfigKeys.EVENTS_HEARTBEAT)));
        RemoteChanges remote = new RemoteChanges(ctx.cache(), ctx.invalidation());
        // the warm series of cycles run here (POST /api/v1/cycle) learn of other processes' corrections too; the pool
        // is asked for only when an event comes, so a server starts (and answers /health) without its database
        io.dgas.app.events.RemoteBarChanges warm = new io.dgas.app.events.RemoteBarChanges(ctx::analyzers);
        // caches first, so a client that reloads on the event reads what the event announces
        this.listener = new EventListener(() -> ctx.database().settings(), (name, json) -> {
            remote.apply(name, json);
            warm.accept(name, json);
            if (io.dgas.app.jobs.JobService.EVENT.equals(name)) {
                ctx.jobs().heard(name, json); // asked for on a job event only: the pool too is opened lazily
            }
            events.broadcast(name, json);
        });
        this.api = new RouteTable(
                ApiV1.concat(ApiV1.routes(ctx, this::healthBody), EventRoutes.routes(events)),
                auth,
                ctx.config().bool(ConfigKeys.CACHE_ENABLED));
        RequestMetrics metrics = new RequestMetrics(ctx.meters());
        this.leanReads = lean ? new LeanReads(api, auth, metrics) : null;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // graceful stop: stop accepting, let in-flight requests finish (Javalin nests its handler inside the
            // innermost wrapper: the market page's cached reads first, then Javalin's servlet context)
            config.jetty.modifyServer(server -> {
                org.eclipse.jetty.server.handler.GracefulHandler graceful =
                        new org.eclipse.jetty.server.handler.GracefulHandler();
                if (leanReads != null) {
                    graceful.setHandler(leanReads);
                }
                server.setHandler(graceful);
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            // the dashboard: static pages at / and the chart library from its webjar at /webjars/…
            long maxUpload = WriteRoutes.maxBytes(ctx);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUpload, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(maxUpload, io.javalin.config.SizeUnit.BYTES);
            config.requestLogger.http(metrics::record);
            config.staticFiles.add("/web", io.javalin.http.staticfiles.Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.routes.exception(DgasException.class, FailureResponses::handle);
            config.routes.error(404, FailureResponses::noEndpoint);
            // a path served under other methods is a 405 naming them (Allow header), not a 404
            config.http.prefer405over404 = true;
            config.routes.exception(io.javalin.http.MethodNotAllowedResponse.class, FailureResponses::notAllowed);
            config.routes.exception(io.javalin.http.UnauthorizedResponse.class, FailureResponses::refused);
            config.routes.exception(io.javalin.http.ForbiddenResponse.class, FailureResponses::refused);
            config.routes.get("/metrics", this::metrics);
            // the API's snake_case names, as /api/v1/health (Java's camelCase leaked into pool's acquireP95Ms)
            config.routes.get(
                    "/health",
                    c -> c.contentType("application/json").result(RouteTable.JSON.writeValueAsString(healthBody(c))));
            config.routes.get("/api/monitor/queries", this::queries);
            config.routes.get("/api/cache/stats", c -> {
                auth.check(c, false);
                json(c, ctx.cache().stats());
            });
            config.routes.get("/api/monitor/calculations", c -> {
                auth.check(c, false);
                json(c, ctx.profiler().snapshot());
            });
            api.register(config.routes);
            config.routes.post("/api/cache/clear", this::clearCache);
            config.routes.post("/api/cache/invalidate", c -> {
                auth.requireToken(c);
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
        return start(ctx, host, port, adminToken, true);
    }

    /** As {@link #start(AppContext, String, int, String)}; {@code lean} false: every request through Javalin. */
    static WebServer start(AppContext ctx, String host, int port, String adminToken, boolean lean) {
        WebServer server = new WebServer(ctx, adminToken, lean);
        server.app.start(host, port);
        server.listener.start();
        return server;
    }

    public int port() {
        return app.port();
    }

    private void metrics(Context c) {
        c.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(ctx.meters().scrape());
    }

    /** The {@code /health} body; marks {@code c} 503 when the database does not answer. */
    private Map<String, Object> healthBody(Context c) {
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
            // Redis down fails nothing (local caching only) but is not healthy: say so without failing the probe (not
            // while a process just started makes its first connection)
            body.put("cache_l2", l2);
            if (l2.outage() && "healthy".equals(body.get("status"))) {
                body.put("status", "degraded");
            }
        }
        List<ReplicaStatus> replicas = ctx.database().routing().status();
        if (!replicas.isEmpty()) {
            // a replica out sends its reads to the primary: nothing fails, but it is not healthy
            body.put("replicas", replicas);
            if (replicas.stream().anyMatch(ReplicaStatus::out) && "healthy".equals(body.get("status"))) {
                body.put("status", "degraded");
            }
        }
        body.put("pool", ctx.database().poolStats());
        java.util.List<io.dgas.store.health.HealthSnapshot> history =
                ctx.health().history();
        if (!history.isEmpty()) {
            body.put("latest", history.get(history.size() - 1));
        }
        return body;
    }

    private void clearCache(Context c) {
        auth.requireToken(c);
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
        auth.check(c, false);
        QueryMonitor m = ctx.queryMonitor();
        json(
                c,
                m == null
                        ? Map.of("enabled", false)
                        : Map.of("enabled", true, "statements", m.stats(), "slow", m.slowQueries()));
    }

    /** {@code METHOD path} of every {@code /api/v1} handler Javalin holds (what the OpenAPI document must match). */
    List<String> apiRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
                .filter(k -> k.contains(" /api/v1/"))
                .toList();
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

    /** Requests answered by {@link LeanReads} so far (0 without it). */
    long leanAnswers() {
        return leanReads == null ? 0 : leanReads.answered();
    }

    /** The event listener (tests wait for it to LISTEN before they make events). */
    EventListener eventListener() {
        return listener;
    }

    /** The event-stream clients' hub. */
    EventHub eventHub() {
        return events;
    }

    /** Remote ports of the event-stream clients connected now. */
    java.util.Set<Integer> eventClientPorts() {
        return events.clientPorts();
    }

    /**
     * Stops hearing events and ends the event streams (they would hold the graceful stop for its whole timeout), then
     * stops accepting and waits up to {@link #STOP_TIMEOUT} for requests in flight.
     */
    @Override
    public void close() {
        listener.close();
        events.close();
        app.stop();
    }
}
