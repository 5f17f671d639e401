package io.dgas.store.optimizer;

import java.util.List;

/**
 * One index of the current schema as the catalog and the statistics collector see it. For a partitioned index the
 * figures are the sums over its leaf indexes; leaf indexes of partitions are not listed separately.
 *
 * @param table the indexed table
 * @param name the index
 * @param method access method ({@code btree}, {@code gin}, …)
 * @param columns key columns (or expressions) in order, without INCLUDE columns
 * @param options per-key-column option bits (DESC, NULLS FIRST) as stored in {@code pg_index.indoption}
 * @param predicate the partial-index predicate, or null
 * @param unique unique (including primary keys)
 * @param primary backs the primary key
 * @param valid usable by the planner ({@code indisvalid}); false after a failed concurrent build
 * @param constraint backs a unique, primary-key or exclusion constraint
 * @param scans index scans since statistics were reset
 * @param tuplesRead index entries returned by those scans
 * @param bytes size on disk
 * @param definition {@code CREATE INDEX} text as the server prints it
 */
public record IndexInfo(
        String table,
        String name,
        String method,
        List<String> columns,
        List<Integer> options,
        String predicate,
        boolean unique,
        boolean primary,
        boolean valid,
        boolean constraint,
        long scans,
        long tuplesRead,
        long bytes,
        String definition) {

    /** Whether this index's key columns (with their options) start with all of {@code other}'s. */
    public boolean startsWith(IndexInfo other) {
        int n = other.columns.size();
        return n <= columns.size()
                && columns.subList(0, n).equals(other.columns)
                && options.subList(0, n).equals(other.options);
    }
}
