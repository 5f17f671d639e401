package io.dgas.store.partition;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planner statistics of the {@code bars} and {@code ticks} partitions brought up to date right after a bulk load, as
 * PostgreSQL's "Populating a Database" advises, instead of whenever autovacuum gets to them.
 *
 * <p>Design notes: a partition a bulk load has just filled has no statistics ({@code reltuples} −1) until autovacuum
 * analyzes it, a minute later at the soonest, and never while the embedded server lives only as long as a short
 * command. Meanwhile the planner takes it for nearly empty: a generic plan of a bar read scanned a whole month's bars of
 * the timeframe through the (timeframe, ts) index and filtered the symbol out of them (8.2 ms a read on the demo's data
 * against 0.5 ms once analyzed; 404 such reads a {@code backtest --all}). So a load of at least {@link #MIN_ROWS} rows
 * asks, in its own transaction before it commits ({@link #staleOnCommit}), which leaf partitions will then be never
 * analyzed or changed past autovacuum's own trigger ({@code autovacuum_analyze_threshold +
 * autovacuum_analyze_scale_factor × reltuples}), counting its own changes from the transaction's statistics (those
 * of committed transactions reach the shared statistics up to a second late: asked after the commit, an aggregation
 * of 30,000 4h bars into analyzed partitions was not seen), and once committed analyzes each ({@link #analyze}, with
 * {@code SKIP_LOCKED}: a partition autovacuum is analyzing already is left to it). A failure here never fails the load: it is
 * logged, and autovacuum remains. Trickles (a cycle's collected bars, a stream's tick batches) stay with autovacuum,
 * which a server running that long has.
 */
public final class PartitionStatistics {
    /** Rows a load must write for its partitions to be analyzed at its commit. */
    public static final long MIN_ROWS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PartitionStatistics.class);

    private PartitionStatistics() {}

    /**
     * In a load's transaction, before it commits: the partitions whose statistics will be missing or stale once it has
     * (see the class notes), or none when it wrote fewer than {@link #MIN_ROWS} rows.
     */
    public static List<String> staleOnCommit(SqlSession s, long rowsWritten) {
        if (rowsWritten < MIN_ROWS) {
            return List.of();
        }
        return s.query(
                "partitions.stale-statistics",
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_stat_user_tables t ON t.relid = c.oid"
                        + " CROSS JOIN LATERAL (SELECT pg_stat_get_xact_tuples_inserted(c.oid)"
                        + " + pg_stat_get_xact_tuples_updated(c.oid) + pg_stat_get_xact_tuples_deleted(c.oid) AS mine) x"
                        + " WHERE i.inhparent IN (to_regclass('bars'), to_regclass('ticks')) AND c.relkind = 'r'"
                        + " AND ((c.reltuples < 0 AND (x.mine > 0 OR coalesce(t.n_live_tup, 0) > 0))"
                        + " OR coalesce(t.n_mod_since_analyze, 0) + x.mine"
                        + " > current_setting('autovacuum_analyze_threshold')::float8"
                        + " + current_setting('autovacuum_analyze_scale_factor')::float8 * c.reltuples)"
                        + " ORDER BY 1",
                SqlSession.Binder.NONE,
                rs -> rs.getString(1));
    }

    /** After the load committed: analyzes {@code partitions} (names from {@link #staleOnCommit}), one by one. */
    public static void analyze(Database db, List<String> partitions) {
        try {
            for (String partition : partitions) {
                // a name from the catalog, quoted by format(%I)
                db.update("partitions.analyze", "ANALYZE (SKIP_LOCKED) " + partition, SqlSession.Binder.NONE);
            }
        } catch (RuntimeException e) {
            LOG.warn("analyzing the partitions a load filled failed; autovacuum will: {}", e.getMessage());
        }
    }
}
