package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.web.Param.Type;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.monitor.QueryMonitor;
import java.util.List;
import java.util.Map;

/**
 * Caches and the statement monitor under {@code /api/v1}: reads open (unless {@code web.auth: all}), clear and
 * invalidate admin-only. The older {@code /api/cache/…} and {@code /api/monitor/…} paths stay for existing clients.
 */
final class OpsRoutes {
    private OpsRoutes() {}

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/cache/stats",
                        "Hits, misses and sizes of every query-cache region (and the Redis level)",
                        List.of(),
                        "per-region statistics",
                        (c, a) -> ctx.cache().stats()),
                Route.admin(
                        "POST",
                        "/api/v1/cache/clear",
                        "Empty one cache region, or all",
                        List.of(Param.query("region", Type.ENUM, "region (default: all)")
                                .oneOf(RegionSpec.names())),
                        "{removed}",
                        (c, a) -> Map.of("removed", ctx.cache().clear(a.get("region")))),
                Route.admin(
                        "POST",
                        "/api/v1/cache/invalidate",
                        "Drop the entries whose key matches a glob pattern, in every region",
                        List.of(Param.query("pattern", Type.STRING, "key glob, e.g. bars:AAPL:*")
                                .mandatory()),
                        "{pattern, removed}",
                        (c, a) -> {
                            String pattern = a.get("pattern");
                            return Map.of(
                                    "pattern", pattern, "removed", ctx.cache().invalidate(pattern));
                        }),
                Route.get(
                        "/api/v1/monitor/statements",
                        "Timed statements by name with P50/P95/P99, and the slow ones (no bound values)",
                        List.of(),
                        "{enabled, statements: [{name, count, p50_ms, p95_ms, p99_ms, …}], slow: […]}",
                        (c, a) -> {
                            QueryMonitor m = ctx.queryMonitor();
                            return m == null
                                    ? Map.of("enabled", false)
                                    : Map.of("enabled", true, "statements", m.stats(), "slow", m.slowQueries());
                        }));
    }
}
