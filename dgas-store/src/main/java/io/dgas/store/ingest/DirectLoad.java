package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import io.dgas.store.UnableToExecuteStatementException;
import io.dgas.store.partition.Partitions;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of a bars load: a file proved new and duplicate-free by its {@link BarPrescan} is copied straight into
 * {@code bars}, with no staging table and no upsert.
 *
 * <p>Design notes: once staging is gone, the per-row foreign-key trigger to {@code symbols} is the largest cost of the
 * COPY (measured on PostgreSQL 15 here: 1M rows into a partitioned table with its primary key 3.2 s; the same with a
 * foreign key 8.9 s). The direct load therefore checks the key set-based: one statement locks every symbol row the
 * file refers to {@code FOR KEY SHARE}, the very lock the referential trigger takes per row, so no concurrent
 * transaction can delete a referenced symbol before commit; rows whose ticker is not among them abort the direct load.
 * Trigger firing is then suspended for the COPY with {@code SET LOCAL session_replication_role = replica}, the
 * technique of {@code pg_restore --disable-triggers}, only when {@code bars} and its partitions carry no trigger
 * other than PostgreSQL's internal constraint triggers (nothing else may be skipped) and the role may set it; otherwise
 * the COPY keeps the per-row checks. Primary key, CHECK constraints and partition bounds are enforced either way.
 */
final class DirectLoad {
    private DirectLoad() {}

    /**
     * Whether the prescan allows a direct load, before asking the database: each series strictly increases and every
     * ticker is known or may be created. The caller then checks that no stored row lies in any series' span.
     */
    static boolean eligible(BarPrescan pre, Map<String, Long> known, IngestOptions opts) {
        if (!pre.ranges.strictlyIncreasing() || pre.tickers.isEmpty()) {
            return false;
        }
        // with skip-invalid a new ticker's rows may all be rejected later: staging creates only tickers that load
        return opts.createSymbols() && !opts.skipInvalid()
                || missing(pre, known).isEmpty();
    }

    private static List<String> missing(BarPrescan pre, Map<String, Long> known) {
        return pre.tickers.stream().filter(t -> !known.containsKey(t)).toList();
    }

    /**
     * Creates what an {@link #eligible} load needs before it reads {@code bars}: its new tickers (of {@code
     * assetClass}) and its month partitions (see {@link LoadLocks} for why before).
     */
    static void createKeys(SqlSession s, BarPrescan pre, Map<String, Long> known, String assetClass) {
        Symbols.create(s, missing(pre, known), assetClass);
        Partitions.ensureMonths(s, "bars", pre.months);
    }

    /** Locks the symbols a load whose spans hold no stored row refers to; ticker → id of exactly those locked. */
    static Map<String, Long> lockSymbols(SqlSession s, BarPrescan pre) {
        Map<String, Long> locked = new HashMap<>();
        String[] tickers = pre.tickers.toArray(String[]::new);
        s.query(
                "ingest.bars.lock-symbols",
                "SELECT ticker, id FROM symbols WHERE ticker = ANY (?) FOR KEY SHARE",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", tickers)),
                rs -> locked.put(rs.getString(1), rs.getLong(2)));
        return locked;
    }

    /**
     * Suspends trigger firing until {@link #resumeTriggers} or the end of the transaction, when that skips nothing
     * but the foreign-key checks {@link #lockSymbols} made set-based; returns whether it did.
     */
    static boolean suspendTriggers(SqlSession s) throws SQLException {
        boolean onlyInternal = s.queryOne(
                        "ingest.bars.triggers",
                        "SELECT NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE NOT t.tgisinternal AND (t.tgrelid ="
                                + " 'bars'::regclass OR t.tgrelid IN (SELECT inhrelid FROM pg_inherits"
                                + " WHERE inhparent = 'bars'::regclass)))",
                        SqlSession.Binder.NONE,
                        rs -> rs.getBoolean(1))
                .orElse(false);
        if (!onlyInternal) {
            return false;
        }
        Savepoint sp = s.connection().setSavepoint();
        try {
            s.update(
                    "ingest.bars.suspend-triggers",
                    "SET LOCAL session_replication_role = replica",
                    SqlSession.Binder.NONE);
        } catch (UnableToExecuteStatementException e) {
            // not permitted to this role: keep the per-row checks
            s.connection().rollback(sp);
            return false;
        }
        s.connection().releaseSavepoint(sp);
        return true;
    }

    static void resumeTriggers(SqlSession s) {
        s.update("ingest.bars.resume-triggers", "SET LOCAL session_replication_role = DEFAULT", SqlSession.Binder.NONE);
    }
}
