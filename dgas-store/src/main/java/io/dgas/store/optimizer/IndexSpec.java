package io.dgas.store.optimizer;

import java.util.List;

/**
 * An index dgas wants to exist.
 *
 * @param name index name
 * @param table table name as stored
 * @param keys the key list as SQL ({@code symbol_id, ts DESC}); from code or built from catalog names, never from
 *     user text
 * @param predicate partial-index predicate as SQL, or null
 * @param unique a unique index
 * @param reason why it is wanted ({@code declared} by the schema, or {@code suggested})
 */
public record IndexSpec(String name, String table, String keys, String predicate, boolean unique, String reason) {

    /** The schema's declared index set: the secondary indexes created by the migrations that dgas relies on. */
    public static final List<IndexSpec> DECLARED = List.of(
            declared("symbols_active_idx", "symbols", "ticker", "deleted_at IS NULL AND status = 'active'"),
            declared("bars_timeframe_ts_idx", "bars", "timeframe, ts", null),
            declared("bars_deleted_idx", "bars", "deleted_at", "deleted_at IS NOT NULL"),
            declared("ticks_deleted_idx", "ticks", "deleted_at", "deleted_at IS NOT NULL"),
            declared("prediction_runs_started_idx", "prediction_runs", "started_at DESC", null),
            declared("signals_run_idx", "signals", "run_id", null),
            declared("signals_symbol_ts_idx", "signals", "symbol_id, ts DESC", null),
            declared("signals_created_idx", "signals", "created_at DESC", null),
            declared("signals_newest_idx", "signals", "ts DESC, confidence DESC, id DESC", "superseded_at IS NULL"),
            declared("alert_rules_active_idx", "alert_rules", "symbol_id", "active"),
            declared("alert_logs_rule_ts_idx", "alert_logs", "rule_id, ts DESC", null),
            declared("alert_logs_ts_idx", "alert_logs", "ts DESC", null),
            declared("query_stat_snapshots_taken_idx", "query_stat_snapshots", "taken_at", null),
            declared("table_size_snapshots_taken_idx", "table_size_snapshots", "taken_at", null),
            new IndexSpec(
                    "daily_bar_rollups_key_idx",
                    "daily_bar_rollups",
                    "symbol_id, timeframe, day",
                    null,
                    true,
                    "declared"));

    private static IndexSpec declared(String name, String table, String keys, String predicate) {
        return new IndexSpec(name, table, keys, predicate, false, "declared");
    }

    /** A suggestion as a wanted index. */
    public static IndexSpec of(IndexSuggestion s) {
        return new IndexSpec(
                s.name(),
                s.table(),
                String.join(", ", s.columns().stream().map(Identifiers::quote).toList()),
                null,
                false,
                "suggested");
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] IF NOT EXISTS name ON [ONLY] relation (keys) [WHERE …]}. */
    String create(String indexName, String relation, boolean concurrently, boolean only) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                + "IF NOT EXISTS " + Identifiers.quote(indexName) + " ON " + (only ? "ONLY " : "")
                + Identifiers.quote(relation) + " (" + keys + ")" + (predicate == null ? "" : " WHERE " + predicate);
    }
}
