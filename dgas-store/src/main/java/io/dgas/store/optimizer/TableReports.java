package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Table reports over the catalog and statistics views: sizes with growth, maintenance needs, transaction-ID age,
 * sequences near overflow and estimated bloat.
 *
 * <p>Design notes: "needs vacuum/analyze" mirrors autovacuum's own trigger ({@code threshold + scale_factor × rows},
 * server settings); wraparound figures follow PgHero ({@code 2^31 - age(relfrozenxid)} transactions left);
 * sequences count as full against the smaller of the sequence maximum and the owning column type's maximum (a
 * bigint sequence feeding an integer column overflows at 2^31 - 1); bloat is the pgstattuple-free estimate popularised
 * by check_postgres/ioguide: expected pages from {@code reltuples} × the average row width from {@code pg_stats}
 * (tuple header, null bitmap and alignment included) at the table's fillfactor, versus actual pages.
 */
public final class TableReports {
    private final Database db;

    public TableReports(Database db) {
        this.db = db;
    }

    static final String SIZES = "SELECT c.relname, c.relkind::text,"
            + " coalesce(sum(pg_table_size(l.r)"
            + " - coalesce(pg_total_relation_size(nullif(lc.reltoastrelid, 0)), 0)), 0) AS tbytes,"
            + " coalesce(sum(pg_indexes_size(l.r)), 0) AS ibytes,"
            + " coalesce(sum(coalesce(pg_total_relation_size(nullif(lc.reltoastrelid, 0)), 0)), 0) AS obytes,"
            // a table never vacuumed or analysed has reltuples −1 (a fresh load): the statistics' live count instead
            + " coalesce(sum(CASE WHEN lc.reltuples >= 0 THEN lc.reltuples"
            + " ELSE pg_stat_get_live_tuples(l.r) END), 0)::bigint AS nrows"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN LATERAL (SELECT c.oid AS r WHERE c.relkind IN ('r', 'm')"
            + " UNION SELECT relid FROM pg_partition_tree(c.oid) WHERE isleaf AND c.relkind = 'p') l ON true"
            + " LEFT JOIN pg_class lc ON lc.oid = l.r"
            + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition"
            + " GROUP BY c.relname, c.relkind";

    /**
     * Every table (partitioned tables summed over their partitions, which are not listed) and materialized view,
     * largest first, with growth since the newest snapshot in {@code table_size_snapshots}.
     */
    public List<TableSize> sizes() {
        return db.query(
                "optimizer.table-sizes",
                "WITH cur AS (" + SIZES + "), prev AS (SELECT DISTINCT ON (table_name) table_name, taken_at,"
                        + " total_bytes, row_estimate FROM table_size_snapshots ORDER BY table_name, taken_at DESC)"
                        + " SELECT cur.*, prev.taken_at, prev.total_bytes, prev.row_estimate FROM cur"
                        + " LEFT JOIN prev ON prev.table_name = cur.relname"
                        + " ORDER BY cur.tbytes + cur.ibytes + cur.obytes DESC, cur.relname",
                SqlSession.Binder.NONE,
                rs -> {
                    long table = rs.getLong(3);
                    long index = rs.getLong(4);
                    long toast = rs.getLong(5);
                    Timestamp prevAt = rs.getTimestamp(7);
                    long total = table + index + toast;
                    return new TableSize(
                            rs.getString(1),
                            kind(rs.getString(2)),
                            table,
                            index,
                            toast,
                            total,
                            rs.getLong(6),
                            prevAt == null ? null : prevAt.toInstant(),
                            prevAt == null ? null : total - rs.getLong(8),
                            prevAt == null ? null : rs.getLong(6) - rs.getLong(9));
                });
    }

    /** Stores the current sizes of every table as one snapshot at {@code at}; returns the rows written. */
    public int snapshotSizes(Instant at) {
        return db.update(
                "optimizer.size-snapshot",
                "INSERT INTO table_size_snapshots (taken_at, table_name, table_bytes, index_bytes, toast_bytes,"
                        + " total_bytes, row_estimate) SELECT ?, s.relname, s.tbytes, s.ibytes, s.obytes,"
                        + " s.tbytes + s.ibytes + s.obytes, s.nrows FROM (" + SIZES + ") s"
                        + " ON CONFLICT (table_name, taken_at) DO NOTHING",
                ps -> ps.setTimestamp(1, Timestamp.from(at)));
    }

    private static String kind(String relkind) {
        return switch (relkind) {
            case "p" -> "partitioned";
            case "m" -> "materialized view";
            default -> "table";
        };
    }

    /**
     * Vacuum and analyze state of every table (leaf partitions included: they are what autovacuum works on), the
     * ones that need work first.
     */
    public List<TableMaintenance> maintenance() {
        return db.query(
                "optimizer.analyze-needs",
                "SELECT s.relname, s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, s.last_vacuum,"
                        + " s.last_autovacuum, s.last_analyze, s.last_autoanalyze,"
                        + " s.n_dead_tup > current_setting('autovacuum_vacuum_threshold')::float8"
                        + " + current_setting('autovacuum_vacuum_scale_factor')::float8 * greatest(c.reltuples, 0),"
                        + " (s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8"
                        + " + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0))"
                        + " OR (s.n_live_tup > 0 AND s.last_analyze IS NULL AND s.last_autoanalyze IS NULL)"
                        + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                        + " WHERE s.schemaname = current_schema()"
                        + " ORDER BY (s.n_dead_tup + s.n_mod_since_analyze) DESC, s.relname",
                SqlSession.Binder.NONE,
                rs -> new TableMaintenance(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        instant(rs, 5),
                        instant(rs, 6),
                        instant(rs, 7),
                        instant(rs, 8),
                        rs.getBoolean(9),
                        rs.getBoolean(10)));
    }

    /** Transaction-ID age of every table (and its TOAST table), oldest first. */
    public List<TableAge> wraparound() {
        return db.query(
                "optimizer.wraparound",
                "SELECT c.relname, greatest(age(c.relfrozenxid), coalesce(age(t.relfrozenxid), 0))"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_class t ON t.oid = c.reltoastrelid"
                        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm') ORDER BY 2 DESC, 1",
                SqlSession.Binder.NONE,
                rs -> new TableAge(rs.getString(1), rs.getLong(2), 2_147_483_647L - rs.getLong(2)));
    }

    /** Sequences with the owning column, fullest first. */
    public List<SequenceUsage> sequences() {
        return db.query(
                "optimizer.sequences",
                "SELECT s.sequencename, tc.relname, a.attname, coalesce(s.last_value, 0),"
                        + " least(s.max_value, CASE a.atttypid WHEN 'int2'::regtype THEN 32767"
                        + " WHEN 'int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END)"
                        + " FROM pg_sequences s"
                        + " JOIN pg_class sc ON sc.relname = s.sequencename"
                        + " JOIN pg_namespace sn ON sn.oid = sc.relnamespace AND sn.nspname = s.schemaname"
                        + " LEFT JOIN pg_depend d ON d.objid = sc.oid AND d.classid = 'pg_class'::regclass"
                        + " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                        + " LEFT JOIN pg_class tc ON tc.oid = d.refobjid"
                        + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                        + " WHERE s.schemaname = current_schema()"
                        + " ORDER BY coalesce(s.last_value, 0)::float8 / least(s.max_value, CASE a.atttypid"
                        + " WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647"
                        + " ELSE 9223372036854775807 END) DESC, 1",
                SqlSession.Binder.NONE,
                rs -> new SequenceUsage(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
    }

    /** Estimated bloat of every analysed table, most wasted bytes first. */
    public List<TableBloat> bloat() {
        return db.query(
                "optimizer.bloat",
                "WITH w AS (SELECT c.oid, c.relname, c.relpages, c.reltuples,"
                        + " current_setting('block_size')::int AS bs,"
                        + " coalesce((SELECT substring(o from 'fillfactor=([0-9]+)')::int FROM unnest(c.reloptions) o"
                        + " WHERE o LIKE 'fillfactor=%'), 100) AS ff,"
                        + " 23 + CASE WHEN bool_or(coalesce(s.null_frac, 0) > 0) THEN ceil(count(*) / 8.0) ELSE 0 END"
                        + " AS hdr, sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 32)) AS data,"
                        + " bool_and(s.avg_width IS NOT NULL) AS analysed"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                        + " LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname"
                        + " AND s.attname = a.attname"
                        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm') AND c.reltuples > 0"
                        + " GROUP BY c.oid, c.relname, c.relpages, c.reltuples, c.reloptions),"
                        + " e AS (SELECT relname, relpages, bs, analysed,"
                        + " ceil(reltuples * (ceil((hdr + data) / 8.0) * 8"
                        + " + 4) / ((bs - 24) * ff / 100.0))::bigint AS expected FROM w)"
                        + " SELECT relname, relpages::bigint, expected, greatest(relpages - expected, 0)::bigint * bs,"
                        + " analysed FROM e ORDER BY 4 DESC, 1",
                SqlSession.Binder.NONE,
                rs -> new TableBloat(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    /** Sizes of one table; growth fields are null when no earlier snapshot exists. */
    public record TableSize(
            String table,
            String kind,
            long tableBytes,
            long indexBytes,
            long toastBytes,
            long totalBytes,
            long rowEstimate,
            Instant previousAt,
            Long growthBytes,
            Long growthRows) {}

    /** Vacuum/analyze state of one table. */
    public record TableMaintenance(
            String table,
            long liveTuples,
            long deadTuples,
            long modifiedSinceAnalyze,
            Instant lastVacuum,
            Instant lastAutovacuum,
            Instant lastAnalyze,
            Instant lastAutoanalyze,
            boolean needsVacuum,
            boolean needsAnalyze) {

        public double deadRatio() {
            long all = liveTuples + deadTuples;
            return all == 0 ? 0 : (double) deadTuples / all;
        }
    }

    /** Transaction-ID age of one table and the transactions left before wraparound protection. */
    public record TableAge(String table, long xidAge, long transactionsLeft) {}

    /** A sequence, the column it feeds (null when not owned), its last value and effective maximum. */
    public record SequenceUsage(String sequence, String table, String column, long lastValue, long maxValue) {
        public double used() {
            return maxValue <= 0 ? 0 : (double) lastValue / maxValue;
        }
    }

    /** Estimated bloat: actual pages, expected pages, wasted bytes; {@code analysed} false means widths guessed. */
    public record TableBloat(String table, long pages, long expectedPages, long wastedBytes, boolean analysed) {}
}
