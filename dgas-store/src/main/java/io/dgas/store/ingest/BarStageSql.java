package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;
import io.dgas.store.SqlSession;
import io.dgas.store.UnableToExecuteStatementException;
import io.dgas.store.ingest.BarIngestor.SeriesCount;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The set-based statements that move staged bars into {@code bars}: duplicate removal, the overlap check, the plain
 * insert of new data and the idempotent upsert. Table names are code constants.
 */
final class BarStageSql {
    static final String STAGE = "dgas_stage_bars";

    /**
     * Rows go into {@code bars} in primary-key order, so every load takes its row locks (and waits for uncommitted
     * keys) in the same order: two loads of overlapping keys then queue behind each other instead of deadlocking,
     * whatever the order of their files.
     */
    private static final String KEY_ORDER = " ORDER BY y.id, st.timeframe, st.ts";

    private BarStageSql() {}

    /** Rejects every repeat of a key already seen on an earlier line; returns how many rows were removed. */
    static long removeDuplicates(SqlSession s, String source, IngestOptions opts, RejectsFile rejects) {
        List<Reject> dups = s.query(
                "ingest.bars.duplicates",
                "SELECT line, ts, first_line FROM (SELECT line, ts, min(line) OVER (PARTITION BY ticker, timeframe, ts)"
                        + " AS first_line FROM " + STAGE + ") d WHERE line <> first_line ORDER BY line",
                SqlSession.Binder.NONE,
                rs -> new Reject(
                        rs.getLong(1),
                        "timestamp",
                        rs.getTimestamp(2).toInstant().toString(),
                        "duplicate of line " + rs.getLong(3) + " (same symbol, interval and timestamp)"));
        if (dups.isEmpty()) {
            return 0;
        }
        if (!opts.skipInvalid()) {
            throw new InvalidInputException(source, dups.get(0));
        }
        dups.forEach(rejects::add);
        long[] lines = dups.stream().mapToLong(Reject::line).toArray();
        Long[] boxed = Arrays.stream(lines).boxed().toArray(Long[]::new);
        return s.update(
                "ingest.bars.drop-duplicates",
                "DELETE FROM " + STAGE + " WHERE line = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", boxed)));
    }

    /**
     * Whether no stored bar (active or soft-deleted) lies inside any series' span of this load: then every staged row
     * is new and a plain INSERT (no conflict handling, no per-row result) is correct and much cheaper. One index probe
     * per series.
     */
    static boolean noStoredRowsIn(SqlSession s, SeriesRanges ranges) {
        List<SeriesRanges.Range> all = new ArrayList<>(ranges.all());
        String[] tickers = all.stream().map(r -> r.ticker).toArray(String[]::new);
        String[] tfs = all.stream().map(r -> r.timeframe.code()).toArray(String[]::new);
        Long[] lo = all.stream().map(r -> r.lo).toArray(Long[]::new);
        Long[] hi = all.stream().map(r -> r.hi).toArray(Long[]::new);
        return s.queryOne(
                        "ingest.bars.overlap",
                        "SELECT NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[])"
                                + " AS r(ticker, tf, lo, hi) JOIN symbols y ON y.ticker = r.ticker"
                                + " WHERE EXISTS (SELECT 1 FROM bars b WHERE b.symbol_id = y.id AND b.timeframe = r.tf"
                                + " AND b.ts >= to_timestamp(r.lo / 1000000.0)"
                                + " AND b.ts <= to_timestamp(r.hi / 1000000.0)))",
                        ps -> {
                            ps.setArray(1, ps.getConnection().createArrayOf("text", tickers));
                            ps.setArray(2, ps.getConnection().createArrayOf("text", tfs));
                            ps.setArray(3, ps.getConnection().createArrayOf("bigint", lo));
                            ps.setArray(4, ps.getConnection().createArrayOf("bigint", hi));
                        },
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /**
     * Inserts a load known to be new. A concurrent writer could still add one of the keys after the check: the insert
     * then fails with a unique violation, is rolled back to a savepoint, and the load falls back to the upsert.
     */
    static List<SeriesCount> insertFresh(SqlSession s, SeriesRanges ranges) throws SQLException {
        Savepoint sp = s.connection().setSavepoint();
        try {
            s.update(
                    "ingest.bars.insert-new",
                    "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume, trade_count,"
                            + " is_partial, updated_at) SELECT y.id, st.timeframe, st.ts, st.open, st.high, st.low,"
                            + " st.close, st.volume, NULL, false, now() FROM " + STAGE + " st"
                            + " JOIN symbols y ON y.ticker = st.ticker" + KEY_ORDER,
                    SqlSession.Binder.NONE);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                s.connection().rollback(sp);
                return upsert(s);
            }
            throw e;
        }
        s.connection().releaseSavepoint(sp);
        return allInserted(ranges);
    }

    /** The counts of a load whose every row was new, by series in (ticker, timeframe) order. */
    static List<SeriesCount> allInserted(SeriesRanges ranges) {
        List<SeriesCount> out = new ArrayList<>();
        for (SeriesRanges.Range r : ranges.all()) {
            out.add(new SeriesCount(r.ticker, r.timeframe, r.rows, 0));
        }
        out.sort(Comparator.comparing(SeriesCount::ticker).thenComparing(SeriesCount::timeframe));
        return out;
    }

    /**
     * The one set-based upsert. PostgreSQL cannot return {@code xmax} from a partitioned table, so inserted and updated
     * rows are told apart by their stamp: inserts get {@code now()} (the transaction start), updates {@code
     * clock_timestamp()}, which is always later because the COPY ran in between.
     */
    static List<SeriesCount> upsert(SqlSession s) {
        return s.query(
                "ingest.bars.upsert",
                "WITH up AS (INSERT INTO bars AS b (symbol_id, timeframe, ts, open, high, low, close, volume,"
                        + " trade_count, is_partial, updated_at)"
                        + " SELECT y.id, st.timeframe, st.ts, st.open, st.high, st.low, st.close, st.volume, NULL,"
                        + " false, now()"
                        + " FROM " + STAGE + " st JOIN symbols y ON y.ticker = st.ticker" + KEY_ORDER
                        + " ON CONFLICT (symbol_id, timeframe, ts) DO UPDATE SET open = EXCLUDED.open,"
                        + " high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume,"
                        + " trade_count = EXCLUDED.trade_count, is_partial = false, updated_at = clock_timestamp(),"
                        + " deleted_at = NULL"
                        + " WHERE (b.open, b.high, b.low, b.close, b.volume, b.trade_count, b.is_partial, b.deleted_at)"
                        + " IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close,"
                        + " EXCLUDED.volume, EXCLUDED.trade_count, false, NULL::timestamptz)"
                        + " RETURNING b.symbol_id, b.timeframe, (b.updated_at = now()) AS inserted)"
                        + " SELECT y.ticker, up.timeframe, count(*) FILTER (WHERE inserted),"
                        + " count(*) FILTER (WHERE NOT inserted)"
                        + " FROM up JOIN symbols y ON y.id = up.symbol_id GROUP BY 1, 2 ORDER BY 1, 2",
                SqlSession.Binder.NONE,
                rs -> new SeriesCount(rs.getString(1), Timeframe.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
    }
}
