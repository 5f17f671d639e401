package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.web.Param.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The database page's reads under {@code /api/v1/database}: the {@code dgas db-optimizer} and {@code monitor}
 * figures of the same {@link io.dgas.app.service.OptimizerService} methods, PgHero-style. Reads only: nothing here
 * changes the database (index builds and maintenance stay with the CLI's {@code --apply}).
 */
final class DatabaseRoutes {
    private DatabaseRoutes() {}

    private static Param lookback() {
        return Param.query("lookback_hours", Type.INT, "statement window in hours")
                .withDefault("24")
                .range(1, 24 * 31);
    }

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/database/overview",
                        "Size, connections by state, cache hit ratio, wraparound margin, pool, long-running queries,"
                                + " read replicas",
                        List.of(),
                        "{size_bytes, connections: {state: n}, cache_hit_ratio, wraparound_margin, pool: {…},"
                                + " long_running: [{pid, seconds, state, query}], replicas: [{name, state,"
                                + " lag_seconds, reason, reads, fallbacks, checked_at}]}",
                        (c, a) -> ctx.optimizer().overview()),
                Route.get(
                        "/api/v1/database/checks",
                        "PgHero-style health verdicts (healthy, warning, critical) with the rows behind each",
                        List.of(lookback()),
                        "{overall, findings: [{name, verdict, summary, headers, rows}]}",
                        (c, a) -> ctx.optimizer().check(Duration.ofHours(a.<Integer>get("lookback_hours")))),
                Route.get(
                        "/api/v1/database/statements",
                        "The heaviest statements by total time over the window (pg_stat_statements snapshots)",
                        List.of(lookback()),
                        "{available, statements: [{queryid, name, query, calls, total_ms, rows, hit_ratio}]}",
                        (c, a) ->
                                ctx.optimizer().slowQueries(Duration.ofHours(a.<Integer>get("lookback_hours")), 1, 0)),
                Route.get(
                        "/api/v1/database/tables",
                        "Table, index and TOAST sizes and rows, with growth since the last daily snapshot, largest"
                                + " first",
                        Param.paging(100, 1000),
                        "{items: [{table, kind, table_bytes, index_bytes, toast_bytes, total_bytes, row_estimate,"
                                + " previous_at, growth_bytes, growth_rows}], limit, offset, next_offset, total}",
                        (c, a) -> ctx.optimizer().tableSizes(a.<Integer>get("limit"), a.<Integer>get("offset"))),
                Route.get(
                        "/api/v1/database/indexes",
                        "Every index with its scans and size, the duplicate ones and the invalid ones",
                        List.of(),
                        "{indexes: [{table, name, columns, scans, …}], duplicates: [{index, covered_by}], invalid: […]}",
                        (c, a) -> {
                            var o = ctx.optimizer();
                            return Map.of(
                                    "indexes", o.indexes(),
                                    "duplicates", o.duplicateIndexes(),
                                    "invalid", o.invalidIndexes());
                        }));
    }
}
