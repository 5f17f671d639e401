package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Index reports over the catalog: usage, unused, duplicate and invalid indexes.
 *
 * <p>Design notes (after PgHero): an index is <em>unused</em> when it has not been scanned since the statistics
 * were reset, is not unique or a primary key (those enforce constraints even when never read), and is at least a
 * threshold in size (small unused indexes cost little). An index is a <em>duplicate</em> when another index on the
 * same table, with the same method and the same predicate, has key columns that start with all of its key columns
 * (same order and options): the longer one can serve every lookup of the shorter. A unique index is never reported
 * as the redundant one (its uniqueness is a constraint), except when the covering index is unique with exactly the
 * same columns.
 */
public final class IndexCatalog {
    static final String INDEXES = "SELECT t.relname, i.relname, am.amname, x.indisunique, x.indisprimary,"
            + " x.indisvalid, (x.indisunique OR x.indisexclusion OR EXISTS (SELECT 1 FROM pg_constraint k"
            + " WHERE k.conindid = i.oid)),"
            + " (SELECT coalesce(sum(s.idx_scan), 0) FROM pg_stat_user_indexes s WHERE s.indexrelid IN"
            + " (SELECT i.oid WHERE i.relkind = 'i' UNION SELECT relid FROM pg_partition_tree(i.oid) WHERE isleaf)),"
            + " (SELECT coalesce(sum(s.idx_tup_read), 0) FROM pg_stat_user_indexes s WHERE s.indexrelid IN"
            + " (SELECT i.oid WHERE i.relkind = 'i' UNION SELECT relid FROM pg_partition_tree(i.oid) WHERE isleaf)),"
            + " (SELECT coalesce(sum(pg_relation_size(r)), 0) FROM (SELECT i.oid AS r WHERE i.relkind = 'i'"
            + " UNION SELECT relid FROM pg_partition_tree(i.oid) WHERE isleaf) l),"
            + " pg_get_expr(x.indpred, x.indrelid),"
            + " ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k"
            + " ORDER BY k),"
            + " x.indoption::text, pg_get_indexdef(x.indexrelid)"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            + " JOIN pg_namespace n ON n.oid = i.relnamespace JOIN pg_am am ON am.oid = i.relam"
            + " WHERE n.nspname = current_schema() AND NOT i.relispartition";

    private final Database db;

    public IndexCatalog(Database db) {
        this.db = db;
    }

    /** Every index of the current schema with its usage and size, by table then name. */
    public List<IndexInfo> all() {
        return db.withSession(IndexCatalog::all);
    }

    static List<IndexInfo> all(SqlSession s) {
        return s.query("optimizer.indexes", INDEXES + " ORDER BY t.relname, i.relname", SqlSession.Binder.NONE, rs -> {
            Array cols = rs.getArray(12);
            List<String> columns = Arrays.asList((String[]) cols.getArray());
            List<Integer> options = new ArrayList<>();
            String opt = rs.getString(13);
            for (String o :
                    opt == null || opt.isBlank() ? new String[0] : opt.trim().split(" ")) {
                options.add(Integer.parseInt(o));
            }
            while (options.size() < columns.size()) {
                options.add(0);
            }
            return new IndexInfo(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    List.copyOf(columns),
                    List.copyOf(options.subList(0, columns.size())),
                    rs.getString(11),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6),
                    rs.getBoolean(7),
                    rs.getLong(8),
                    rs.getLong(9),
                    rs.getLong(10),
                    rs.getString(14));
        });
    }

    /** When the statistics behind "unused" were last reset (null: never, i.e. since the database was created). */
    public Optional<Instant> statsResetAt() {
        return db.queryOne(
                "optimizer.stats-reset",
                "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()",
                SqlSession.Binder.NONE,
                rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant());
    }

    /** Indexes never scanned, neither unique nor primary key, at least {@code minBytes} large; largest first. */
    public List<IndexInfo> unused(long minBytes) {
        return unused(all(), minBytes);
    }

    static List<IndexInfo> unused(List<IndexInfo> indexes, long minBytes) {
        return indexes.stream()
                .filter(i -> i.scans() == 0 && !i.unique() && !i.primary() && !i.constraint() && i.valid())
                .filter(i -> i.bytes() >= minBytes)
                .sorted((a, b) -> Long.compare(b.bytes(), a.bytes()))
                .toList();
    }

    /** Invalid indexes (a failed {@code CREATE INDEX CONCURRENTLY} leaves one behind). */
    public List<IndexInfo> invalid() {
        return all().stream().filter(i -> !i.valid()).toList();
    }

    /** Redundant indexes with the index that covers each. */
    public List<DuplicateIndex> duplicates() {
        return duplicates(all());
    }

    static List<DuplicateIndex> duplicates(List<IndexInfo> indexes) {
        List<DuplicateIndex> out = new ArrayList<>();
        for (IndexInfo dup : indexes) {
            for (IndexInfo by : indexes) {
                if (dup == by
                        || !dup.table().equals(by.table())
                        || !dup.method().equals(by.method())) {
                    continue;
                }
                if (!java.util.Objects.equals(dup.predicate(), by.predicate()) || !dup.valid() || !by.valid()) {
                    continue;
                }
                if (!by.startsWith(dup)) {
                    continue;
                }
                if (!redundant(dup, by)) {
                    continue;
                }
                out.add(new DuplicateIndex(dup, by));
                break;
            }
        }
        return out;
    }

    /** Whether {@code dup} is the one to drop of a pair where {@code by} starts with all of its columns. */
    private static boolean redundant(IndexInfo dup, IndexInfo by) {
        if (by.columns().size() > dup.columns().size()) {
            return !dup.unique() && !dup.constraint();
        }
        if (dup.primary() || (dup.unique() && !by.unique())) {
            return false;
        }
        if (by.primary() || (by.unique() && !dup.unique())) {
            return true;
        }
        // identical twins of equal strength: report the one whose name sorts last, so each pair is listed once
        return dup.name().compareTo(by.name()) > 0;
    }

    /** {@code index} is redundant because {@code coveredBy} starts with all its key columns. */
    public record DuplicateIndex(IndexInfo index, IndexInfo coveredBy) {}
}
