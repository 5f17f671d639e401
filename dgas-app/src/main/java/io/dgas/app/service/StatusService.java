package io.dgas.app.service;

import io.dgas.app.AppContext;
import io.dgas.store.Database;
import io.dgas.store.PoolStats;
import io.dgas.store.ServerStatus;
import io.dgas.store.migrate.Migrator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code dgas status} (and the end of {@code dgas demo}) reports: the database reached, its server version, the
 * schema version and pending migrations, pool figures, pg_stat_statements, row counts and the health checks.
 */
public final class StatusService {
    private final AppContext ctx;

    public StatusService(AppContext ctx) {
        this.ctx = ctx;
    }

    /** The status document; connects (and migrates an embedded database) when not yet connected. */
    public Map<String, Object> status() {
        Database db = ctx.database();
        ServerStatus status = ServerStatus.read(db);
        Migrator.State schema = new Migrator(db).state();
        PoolStats pool = db.poolStats();

        Map<String, Object> model = new LinkedHashMap<>();
        model.put(
                "database",
                Map.of(
                        "reachable",
                        true,
                        "mode",
                        ctx.isEmbedded() ? "embedded" : "external",
                        "url",
                        db.settings().safeUrl(),
                        "data_dir",
                        ctx.isEmbedded() ? ctx.config().embeddedDataDir().toString() : "",
                        "name",
                        status.database()));
        model.put("server_version", status.serverVersion());
        model.put(
                "schema",
                Map.of(
                        "version",
                        schema.version() == null ? "none" : schema.version(),
                        "pending_migrations",
                        (long) schema.pending(),
                        "newer_than_this_dgas",
                        schema.newer()));
        model.put(
                "pool",
                Map.of(
                        "total", pool.total(),
                        "active", pool.active(),
                        "idle", pool.idle(),
                        "waiting", pool.waiting(),
                        "max", pool.max(),
                        "utilisation", pool.utilisation()));
        model.put("pg_stat_statements", status.pgStatStatements());
        model.put("rows", status.rowCounts());
        model.put("rows_estimated", status.estimatedCounts());
        model.put("health", ctx.health().evaluateNow());
        // after the health evaluation, which waits for the replicas' first check
        model.put("replicas", ctx.database().routing().status());
        return model;
    }
}
