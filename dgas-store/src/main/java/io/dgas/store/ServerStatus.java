package io.dgas.store;

import io.dgas.store.monitor.PgStatStatements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code dgas status} reports about the server: version, database, extensions and row counts.
 *
 * @param serverVersion e.g. {@code 17.6}
 * @param database current database name
 * @param pgStatStatements whether {@code pg_stat_statements} is loaded and queryable
 * @param rowCounts table → exact row count of active (not soft-deleted) rows, for the tables that exist
 */
public record ServerStatus(
        String serverVersion, String database, boolean pgStatStatements, Map<String, Long> rowCounts) {

    private static final List<String> COUNTED = List.of("symbols", "bars", "ticks", "prediction_runs", "signals");

    /** Reads the status; tables not yet created are left out of the counts. */
    public static ServerStatus read(Database db) {
        return db.withSession(s -> {
            String version = s.queryOne(
                            "status.version", "SHOW server_version", SqlSession.Binder.NONE, rs -> rs.getString(1))
                    .orElse("?");
            String name = s.queryOne(
                            "status.database",
                            "SELECT current_database()",
                            SqlSession.Binder.NONE,
                            rs -> rs.getString(1))
                    .orElse("?");
            boolean pss = PgStatStatements.usable(s);
            List<String> present = s.query(
                    "status.tables",
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = current_schema() AND c.relname = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", COUNTED.toArray())),
                    rs -> rs.getString(1));
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : COUNTED) {
                if (present.contains(table)) {
                    String filter = table.equals("prediction_runs") || table.equals("signals")
                            ? ""
                            : " WHERE deleted_at IS NULL";
                    // table names come from the fixed list above, never from input
                    counts.put(
                            table,
                            s.queryOne(
                                            "status.count." + table,
                                            "SELECT count(*) FROM " + table + filter,
                                            SqlSession.Binder.NONE,
                                            rs -> rs.getLong(1))
                                    .orElse(0L));
                }
            }
            return new ServerStatus(version, name, pss, counts);
        });
    }

    /**
     * Creates {@code pg_stat_statements} in the current database when the server preloads it; returns whether it is
     * usable. Never fails: without the extension, monitoring falls back to client-side timings.
     */
    public static boolean enablePgStatStatements(Database db) {
        try {
            return db.withSession(s -> {
                boolean preloaded = s.queryOne(
                                "status.preload",
                                "SELECT current_setting('shared_preload_libraries')" + " LIKE '%pg_stat_statements%'",
                                SqlSession.Binder.NONE,
                                rs -> rs.getBoolean(1))
                        .orElse(false);
                if (preloaded) {
                    s.update(
                            "status.create-pss",
                            "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                            SqlSession.Binder.NONE);
                }
                return preloaded;
            });
        } catch (UnableToExecuteStatementException e) {
            return false;
        }
    }
}
