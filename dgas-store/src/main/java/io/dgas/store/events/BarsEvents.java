package io.dgas.store.events;

import io.dgas.store.SqlSession;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bars} events of a change to market data (ingest, tick ingest, soft delete and restore, aggregation), one
 * per series whose rows changed, queued in the change's own transaction just before it commits: rolled-back work
 * announces nothing. Two statements whatever the number of series. A series is a ticker and a timeframe code, or
 * {@link #TICKS} for a symbol's ticks (which change no bar series until aggregated).
 */
public final class BarsEvents {
    /** The "timeframe" of a symbol's ticks in a {@code bars} event. */
    public static final String TICKS = "ticks";

    private static final long UNKNOWN = Long.MIN_VALUE;

    // ticker/timeframe -> {rows changed, earliest second the change may touch (UNKNOWN: any)}
    private final Map<String, long[]> rows = new LinkedHashMap<>();

    /** Counts {@code changed} rows of the series; a series may recur (several files of one load). */
    public BarsEvents add(String ticker, String timeframe, long changed) {
        return add(ticker, timeframe, changed, UNKNOWN);
    }

    /**
     * Counts {@code changed} rows of the series whose change starts at second {@code fromSecond} (the earliest row the
     * load held): a listener keeping bars after that time knows the older ones are untouched.
     */
    public BarsEvents add(String ticker, String timeframe, long changed, long fromSecond) {
        long[] n = rows.computeIfAbsent(ticker + "/" + timeframe, k -> new long[] {0, Long.MAX_VALUE});
        n[0] += changed;
        n[1] = Math.min(n[1], fromSecond);
        return this;
    }

    /**
     * Queues {@code bars {symbol, timeframe, newest_ts, rows, from_ts}} for every series added, {@code newest_ts}
     * the newest active bar (tick) after the change, null when none is left; {@code from_ts} the earliest time the
     * change may touch, null when unknown (any bar of the series may have changed).
     */
    public void announce(SqlSession s, EventPublisher events) throws SQLException {
        if (rows.isEmpty() || events == EventPublisher.NONE) {
            return;
        }
        String[] tickers = new String[rows.size()];
        String[] tfs = new String[rows.size()];
        int i = 0;
        for (String key : rows.keySet()) {
            int slash = key.lastIndexOf('/');
            tickers[i] = key.substring(0, slash);
            tfs[i++] = key.substring(slash + 1);
        }
        List<Timestamp> newest = s.query(
                "events.bars.newest",
                // the symbol's id joined first, so each newest row is one backward probe of the key's index per
                // partition; max() over a join to symbols planned a scan of every row of the symbol's partitions
                // (640 ms for the demo's 200 series, a slow-query warning in every demo, against 7)
                "SELECT CASE WHEN u.tf = '" + TICKS + "' THEN (SELECT t.ts FROM ticks t WHERE t.symbol_id = y.id"
                        + " AND t.deleted_at IS NULL ORDER BY t.ts DESC LIMIT 1) ELSE (SELECT b.ts FROM bars b"
                        + " WHERE b.symbol_id = y.id AND b.timeframe = u.tf AND b.deleted_at IS NULL"
                        + " ORDER BY b.ts DESC LIMIT 1) END FROM unnest(?::text[], ?::text[]) WITH ORDINALITY"
                        + " AS u(t, tf, ord) LEFT JOIN symbols y ON y.ticker = u.t ORDER BY ord",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", tickers));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", tfs));
                },
                rs -> rs.getTimestamp(1));
        List<EventPublisher.Event> out = new ArrayList<>(rows.size());
        i = 0;
        for (long[] n : rows.values()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("symbol", tickers[i]);
            data.put("timeframe", tfs[i]);
            Timestamp ts = newest.get(i++);
            data.put("newest_ts", ts == null ? null : ts.toInstant().toString());
            data.put("rows", n[0]);
            data.put(
                    "from_ts",
                    n[1] == UNKNOWN
                            ? null
                            : java.time.Instant.ofEpochSecond(n[1]).toString());
            out.add(new EventPublisher.Event("bars", data));
        }
        events.publish(s, out);
    }
}
