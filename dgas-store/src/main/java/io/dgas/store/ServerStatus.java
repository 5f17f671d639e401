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
 * @param rowCounts table → row count of active (not soft-deleted) rows, for the tables that exist: exact, except for
 *     the tables in {@code estimatedCounts}
 * @param estimatedCounts the tables larger than {@link #EXACT_PAGES} pages, whose count is the planner's estimate:
 *     counting a table reads all of it (0.7 s for 20 million rows, 1.1 GB in cache, on PostgreSQL 15, and growing with
 *     the table; the estimate took 0.6 ms), and a status report must come back at
 *     once whatever the data
 */
public record ServerStatus(
        String serverVersion,
        String database,
        boolean pgStatStatements,
        Map<String, Long> rowCounts,
        List<String> estimatedCounts) {

    private static final List<String> COUNTED = List.of("symbols", "bars", "ticks", "prediction_runs", "signals");

    /** Tables up to this many pages (100 MB of 8 kB pages, read in well under a second) are counted exactly. */
    public static final long EXACT_PAGES = 12_800;

    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("\"Plan Rows\": (\\d+)");

    /** Reads the status; tables not yet created are left out of the counts. */
    public static ServerStatus read(Database db) {
        return read(db, EXACT_PAGES);
    }

    /** {@link #read(Database)} counting exactly only the tables of at most {@code exactPages} pages. */
    static ServerStatus read(Database db, long exactPages) {
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
            // a partitioned table's size is its partitions' (pg_partition_tree lists none for a plain table)
            Map<String, Long> pages = new LinkedHashMap<>();
            s.query(
                            "status.tables",
                            "SELECT c.relname, coalesce((SELECT sum(pg_relation_size(t.relid))"
                                    + " FROM pg_partition_tree(c.oid) t), pg_relation_size(c.oid))"
                                    + " / current_setting('block_size')::bigint"
                                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                    + " WHERE n.nspname = current_schema() AND c.relname = ANY (?)",
                            ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", COUNTED.toArray())),
                            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> pages.put(e.getKey(), e.getValue()));
            Map<String, Long> counts = new LinkedHashMap<>();
            List<String> estimated = new java.util.ArrayList<>();
            for (String table : COUNTED) {
                if (pages.containsKey(table)) {
                    String filter = table.equals("prediction_runs") || table.equals("signals")
                            ? ""
                            : " WHERE deleted_at IS NULL";
                    // table names come from the fixed list above, never from input
                    boolean exact = pages.get(table) <= exactPages;
                    counts.put(table, exact ? count(s, table, filter) : estimate(s, table, filter));
                    if (!exact) {
                        estimated.add(table);
                    }
                }
            }
            return new ServerStatus(version, name, pss, counts, List.copyOf(estimated));
        });
    }

    private static long count(SqlSession s, String table, String filter) {
        return s.queryOne(
                        "status.count." + table,
                        "SELECT count(*) FROM " + table + filter,
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    /**
     * The planner's row estimate for the rows {@link #count} would count: from the table's current size and its
     * statistics (the share of soft-deleted rows), without reading it.
     */
    private static long estimate(SqlSession s, String table, String filter) {
        String plan = s.queryOne(
                        "status.estimate." + table,
                        "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + table + filter,
                        SqlSession.Binder.NONE,
                        rs -> rs.getString(1))
                .orElse("");
        java.util.regex.Matcher m = PLAN_ROWS.matcher(plan);
        return m.find() ? Long.parseLong(m.group(1)) : count(s, table, filter);
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
