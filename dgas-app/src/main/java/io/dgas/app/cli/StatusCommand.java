package io.dgas.app.cli;

import io.dgas.app.service.StatusService;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dgas status}: is the database reachable, which version, schema state, pool figures, row counts. */
@Command(name = "status", description = "Database reachability, server and schema version, pool figures, row counts.")
final class StatusCommand extends BaseCommand {

    @Override
    public Integer call() {
        context().acceptAnySchema(); // reports a missing or old schema
        Map<String, Object> model = new StatusService(context()).status();
        Output out = out();
        out.result(model, () -> print(out, model));
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    static void print(Output out, Map<String, Object> m) {
        Map<String, Object> db = (Map<String, Object>) m.get("database");
        Map<String, Object> schema = (Map<String, Object>) m.get("schema");
        Map<String, Object> pool = (Map<String, Object>) m.get("pool");
        out.line("database      reachable (" + db.get("mode") + ", " + db.get("url") + ")");
        if (!db.get("data_dir").toString().isEmpty()) {
            out.line("data dir      " + db.get("data_dir"));
        }
        out.line("server        PostgreSQL " + m.get("server_version"));
        long pending = (Long) schema.get("pending_migrations");
        out.line("schema        version " + schema.get("version")
                + (Boolean.TRUE.equals(schema.get("newer_than_this_dgas"))
                        ? " (newer than this dgas knows: run the dgas that migrated it, or a newer one)"
                        : pending == 0 ? " (up to date)" : " (" + pending + " pending: run 'dgas db migrate')"));
        out.line(String.format(
                java.util.Locale.ROOT,
                "pool          total %s, active %s, idle %s, waiting %s, max %s" + " (%.0f%% used)",
                pool.get("total"),
                pool.get("active"),
                pool.get("idle"),
                pool.get("waiting"),
                pool.get("max"),
                100 * (Double) pool.get("utilisation")));
        out.line("statements    pg_stat_statements "
                + ((Boolean) m.get("pg_stat_statements")
                        ? "enabled"
                        : "not" + " available (client-side timings only)"));
        StringBuilder rows = new StringBuilder();
        List<String> estimated = (List<String>) m.getOrDefault("rows_estimated", List.of());
        ((Map<String, Long>) m.get("rows"))
                .forEach((k, v) -> rows.append(rows.isEmpty() ? "" : ", ")
                        .append(k)
                        .append(' ')
                        // a large table's count is the planner's estimate: counting it would read all of it
                        .append(estimated.contains(k) ? "~" : "")
                        .append(v));
        out.line("rows          " + (rows.isEmpty() ? "(schema not created)" : rows));
        for (io.dgas.store.replica.ReplicaStatus r : (List<io.dgas.store.replica.ReplicaStatus>) m.get("replicas")) {
            out.line("replica       " + r.name() + ": " + r.state().code()
                    + (r.serving()
                            ? String.format(java.util.Locale.ROOT, " (%.1f s behind)", r.lagSeconds())
                            : " (" + r.reason() + ")"));
        }
        io.dgas.store.health.HealthSnapshot health = (io.dgas.store.health.HealthSnapshot) m.get("health");
        out.line("health        " + health.overall().code());
        for (io.dgas.store.health.Check c : health.checks()) {
            if (c.verdict() != io.dgas.store.health.Verdict.HEALTHY) {
                out.line("  " + c.name() + " " + c.verdict().code() + ": " + c.message());
            }
        }
    }
}
