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

    /** A statement's queryid: a signed 64-bit number, as pg_stat_statements keeps it (and the statements list writes it). */
    private static final Param QUERYID =
            Param.path("queryid", Type.STRING, "the statement's queryid (a 64-bit integer)");

    private static long queryid(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(QUERYID, raw, "queryid must be a whole number of at most 64 bits");
        }
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
                        "/api/v1/database/statements/{queryid}/plan",
                        "The planner's plan of a statement of pg_stat_statements (its generic plan, PostgreSQL 16 or"
                                + " later), never running it",
                        List.of(QUERYID),
                        "{query, generic, lines: [plan line]}; 404 for a queryid the extension does not hold",
                        (c, a) -> ctx.optimizer().plan(queryid(a.get("queryid")))),
                Route.get(
                        "/api/v1/database/tables",
                        "Table, index and TOAST sizes and rows, with growth since the last daily snapshot, largest"
                                + " first",
                        Param.paging(100, 1000),
                        "{items: [{table, kind, table_bytes, index_bytes, toast_bytes, total_bytes, row_estimate,"
                                + " previous_at, growth_bytes, growth_rows}], limit, offset, next_offset, total}",
                        (c, a) -> ctx.optimizer().tableSizes(a.<Integer>get("limit"), a.<Integer>get("offset"))),
                Route.get(
                        "/api/v1/database/connections",
                        "The server's client connections by database, user, application, client address and state,"
                                + " most first, with the server's max_connections",
                        List.of(),
                        "{total, max, groups: [{database, user, application, client, state, count}]}",
                        (c, a) -> ctx.optimizer().connections()),
                Route.get(
                        "/api/v1/database/queries",
                        "The clients of the database at work now (running, waiting, or idle in a transaction), the"
                                + " longest-running statement first",
                        List.of(),
                        "{items: [{pid, user, application, client, state, wait_event, transaction_start, query_start,"
                                + " seconds, query}]}",
                        (c, a) -> Map.of("items", ctx.optimizer().liveQueries())),
                Route.admin(
                        "POST",
                        "/api/v1/database/refresh-views",
                        "Refresh the registered materialized views now (CONCURRENTLY when populated), as dgas db"
                                + " refresh-views; their readers' caches are dropped",
                        List.of(),
                        "[{view, how, millis}]",
                        (c, a) ->
                                new io.dgas.app.service.ViewsService(ctx.database(), ctx.invalidation()).refreshAll()),
                Route.admin(
                        "POST",
                        "/api/v1/database/queries/{pid}/cancel",
                        "Cancel a client's statement, or with terminate=true close its connection (404 for a pid not"
                                + " listed by /api/v1/database/queries)",
                        List.of(
                                Param.path("pid", Type.INT, "the client's process id")
                                        .range(1, Integer.MAX_VALUE),
                                Param.query("terminate", Type.BOOL, "close the connection instead")
                                        .withDefault("false")),
                        "{pid, action: cancel|terminate, signalled, query}",
                        (c, a) -> ctx.optimizer().stop(a.<Integer>get("pid"), a.<Boolean>get("terminate"), true)),
                Route.get(
                        "/api/v1/database/settings",
                        "The server's memory, checkpoint, planner and safety settings against PgTune's sizes for the"
                                + " server's memory (known for a server on this machine) and what dgas needs",
                        List.of(),
                        "{server_memory_bytes (0: not known here), advice: [{name, current, suggested (null: fine),"
                                + " why, restart, statement (ALTER SYSTEM …, null: nothing to change)}]}",
                        (c, a) -> ctx.optimizer().settings()),
                Route.get(
                        "/api/v1/database/maintenance",
                        "Each table's dead tuples, modifications since its last analyze and last (auto)vacuum and"
                                + " (auto)analyze, those needing a vacuum or an analyze first (dgas db-optimizer"
                                + " analyze-needs)",
                        Param.paging(100, 1000),
                        "{items: [{table, live_tuples, dead_tuples, modified_since_analyze, last_vacuum,"
                                + " last_autovacuum, last_analyze, last_autoanalyze, needs_vacuum, needs_analyze}], limit,"
                                + " offset, next_offset, total}",
                        (c, a) -> ctx.optimizer().analyzeNeeds(a.<Integer>get("limit"), a.<Integer>get("offset"))),
                Route.get(
                        "/api/v1/database/index-suggestions",
                        "Indexes that would cut the planner's cost of the heaviest statements (dgas db-optimizer"
                                + " suggest-indexes: hypopg when installed, else a statistics heuristic), ranked by time"
                                + " saved",
                        List.of(
                                lookback(),
                                Param.query("min_calls", Type.INT, "only statements called this often")
                                        .withDefault("100")
                                        .range(0, Integer.MAX_VALUE),
                                Param.query("min_savings", Type.NUMBER, "the least share of the cost an index cuts")
                                        .withDefault("0.5")
                                        .range(0.01, 0.99)),
                        "{method, planning, suggestions: [{table, columns, name, ddl, before_cost, after_cost,"
                                + " estimated_bytes, time_saved_ms, queries: [{queryid, name, query, calls, mean_ms,"
                                + " before_cost, after_cost}]}], notes}",
                        (c, a) -> ctx.optimizer()
                                .advise(
                                        Duration.ofHours(a.<Integer>get("lookback_hours")),
                                        a.<Integer>get("min_calls"),
                                        20,
                                        a.<Double>get("min_savings"))),
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
