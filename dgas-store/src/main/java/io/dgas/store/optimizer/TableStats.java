package io.dgas.store.optimizer;

import io.dgas.store.SqlSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the advisor knows about one table from the catalog: size, leaf relations (the table itself, or a partitioned
 * table's partitions, as they appear in plans) and per-column statistics from {@code pg_stats}.
 *
 * @param name table name as stored
 * @param rows estimated rows ({@code reltuples}, summed over partitions)
 * @param pages heap pages, summed over partitions
 * @param relations names that plan nodes use for this table's scans
 * @param columns column name → statistics (absent statistics: null fields)
 */
record TableStats(String name, double rows, double pages, List<String> relations, Map<String, Column> columns) {

    /** Default selectivities of the PostgreSQL planner (selfuncs.h) when statistics are missing. */
    static final double DEFAULT_EQ_SEL = 0.005;

    static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;

    /**
     * Column statistics; {@code nDistinct} negative means a fraction of the rows, as in {@code pg_stats};
     * {@code topFrequency} is the frequency of the most common value (null without a most-common-values list).
     */
    record Column(String name, Double nullFrac, Double nDistinct, Integer avgWidth, Double topFrequency) {}

    /**
     * Estimated fraction of rows matching {@code column = $1} for an unknown value, as the planner's
     * {@code var_eq_non_const} does: {@code (1 - null_frac) / n_distinct}, capped at the most common value's
     * frequency from {@code most_common_freqs}.
     */
    double equalitySelectivity(String column) {
        Column c = columns.get(column);
        if (c == null || c.nDistinct() == null || c.nDistinct() == 0) {
            return DEFAULT_EQ_SEL;
        }
        double distinct = c.nDistinct() > 0 ? c.nDistinct() : -c.nDistinct() * Math.max(1, rows);
        double notNull = 1 - (c.nullFrac() == null ? 0 : c.nullFrac());
        double selectivity = notNull / Math.max(1, distinct);
        if (c.topFrequency() != null) {
            selectivity = Math.min(selectivity, c.topFrequency());
        }
        return Math.min(1, selectivity);
    }

    int width(String column) {
        Column c = columns.get(column);
        return c == null || c.avgWidth() == null ? 8 : c.avgWidth();
    }

    /** Loads a table of the current schema; empty when it is not a table, partitioned table or materialized view. */
    static Optional<TableStats> load(SqlSession s, String table) {
        Optional<Object[]> head = s.queryOne(
                "optimizer.table-stats",
                "SELECT c.relkind::text, (SELECT coalesce(sum(greatest(l.reltuples, 0)), 0) FROM pg_class l"
                        + " WHERE l.oid = c.oid AND c.relkind <> 'p' OR l.oid IN (SELECT relid FROM"
                        + " pg_partition_tree(c.oid) WHERE isleaf AND c.relkind = 'p')),"
                        + " (SELECT coalesce(sum(l.relpages), 0) FROM pg_class l"
                        + " WHERE l.oid = c.oid AND c.relkind <> 'p'"
                        + " OR l.oid IN (SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf AND c.relkind = 'p')),"
                        + " ARRAY(SELECT l.relname::text FROM pg_class l WHERE l.oid = c.oid AND c.relkind <> 'p'"
                        + " OR l.oid IN (SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf AND c.relkind = 'p'))"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')",
                ps -> ps.setString(1, table),
                rs -> new Object[] {
                    rs.getDouble(2),
                    rs.getDouble(3),
                    List.of((String[]) rs.getArray(4).getArray())
                });
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        s.query(
                        "optimizer.column-stats",
                        "SELECT a.attname, st.null_frac::float8, st.n_distinct::float8, st.avg_width,"
                                + " st.most_common_freqs[1]::float8 FROM pg_class c"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                                + " LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = c.relname"
                                + " AND st.attname = a.attname AND st.inherited = (c.relkind = 'p')"
                                + " WHERE n.nspname = current_schema() AND c.relname = ? ORDER BY a.attnum",
                        ps -> ps.setString(1, table),
                        rs -> new Column(
                                rs.getString(1),
                                (Double) rs.getObject(2, Double.class),
                                (Double) rs.getObject(3, Double.class),
                                (Integer) rs.getObject(4, Integer.class),
                                (Double) rs.getObject(5, Double.class)))
                .forEach(c -> columns.put(c.name(), c));
        Object[] h = head.get();
        @SuppressWarnings("unchecked")
        List<String> relations = (List<String>) h[2];
        return Optional.of(new TableStats(table, (Double) h[0], (Double) h[1], relations, columns));
    }
}
