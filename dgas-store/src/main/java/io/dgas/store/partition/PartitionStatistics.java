package io.dgas.store.partition;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Planner statistics of the {@code bars} and {@code ticks} partitions brought up to date right after a load, as
 * PostgreSQL's "Populating a Database" advises, instead of whenever autovacuum gets to them.
 *
 * <p>Design notes: a partition a bulk load has just filled has no statistics ({@code reltuples} −1) until autovacuum
 * analyzes it, a minute later at the soonest, and never while the embedded server lives only as long as a short
 * command. Meanwhile the planner takes it for nearly empty: a generic plan of a bar read scanned a whole month's bars of
 * the timeframe through the (timeframe, ts) index and filtered the symbol out of them (23 ms a read on the demo's data
 * against 1 ms once analyzed; 404 such reads a {@code backtest --all}). So after each load of at least {@link #MIN_ROWS} rows every leaf partition
 * never analyzed, or changed past autovacuum's own trigger ({@code autovacuum_analyze_threshold +
 * autovacuum_analyze_scale_factor × reltuples}), is analyzed, each on its own with {@code SKIP_LOCKED} (one autovacuum
 * is already on is left to it). The changed-rows counts reach the statistics system within a second of a commit, so a
 * later load may be the one that sees a partition past the trigger; a never-analyzed one is seen at once. A failure
 * here never fails the load: it is logged, and autovacuum remains.
 */
public final class PartitionStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionStatistics.class);

    /**
     * Rows a load must have written for {@link #afterLoad} to look: trickles (a cycle's collected bars, a stream's tick
     * batches) leave the statistics to autovacuum, as a server running that long has it.
     */
    public static final long MIN_ROWS = 1_000;

    private PartitionStatistics() {}

    /** After a committed load of {@code rows} inserted or updated rows: {@link #refresh} when a bulk one. */
    public static void afterLoad(Database db, long rows) {
        if (rows >= MIN_ROWS) {
            refresh(db);
        }
    }

    /** Analyzes the partitions whose statistics are missing or stale (see the class notes); returns their names. */
    public static List<String> refresh(Database db) {
        try {
            List<String> stale = db.query(
                    "partitions.stale-statistics",
                    "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_inherits i"
                            + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                            + " WHERE i.inhparent IN (to_regclass('bars'), to_regclass('ticks')) AND c.relkind = 'r'"
                            + " AND (c.reltuples < 0 OR s.n_mod_since_analyze"
                            + " > current_setting('autovacuum_analyze_threshold')::float8"
                            + " + current_setting('autovacuum_analyze_scale_factor')::float8 * c.reltuples)"
                            + " ORDER BY 1",
                    SqlSession.Binder.NONE,
                    rs -> rs.getString(1));
            for (String partition : stale) {
                // a name from the catalog, quoted by format(%I)
                db.update("partitions.analyze", "ANALYZE (SKIP_LOCKED) " + partition, SqlSession.Binder.NONE);
            }
            return stale;
        } catch (RuntimeException e) {
            LOG.warn("analyzing the partitions a load changed failed; autovacuum will: {}", e.getMessage());
            return List.of();
        }
    }
}
