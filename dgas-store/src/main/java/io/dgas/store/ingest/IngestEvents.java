package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import io.dgas.store.events.EventPublisher;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bars} events of a load, one per series whose rows changed, queued in the load's own transaction just
 * before it commits: a rolled-back load announces nothing. Two statements whatever the number of series.
 */
final class IngestEvents {
    private IngestEvents() {}

    /** Queues {@code bars {symbol, timeframe, newest_ts, rows}} for every series of {@code changed}. */
    static void announce(SqlSession s, EventPublisher events, List<BarIngestor.SeriesCount> changed)
            throws SQLException {
        Map<String, long[]> rows = new LinkedHashMap<>(); // ticker/timeframe -> rows; a series may recur across files
        for (BarIngestor.SeriesCount c : changed) {
            rows.computeIfAbsent(c.ticker() + "/" + c.timeframe().code(), k -> new long[1])[0] +=
                    c.inserted() + c.updated();
        }
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
                "ingest.bars.newest",
                "SELECT (SELECT max(b.ts) FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = u.t"
                        + " AND b.timeframe = u.tf AND b.deleted_at IS NULL) FROM unnest(?::text[], ?::text[])"
                        + " WITH ORDINALITY AS u(t, tf, ord) ORDER BY ord",
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
            out.add(new EventPublisher.Event("bars", data));
        }
        events.publish(s, out);
    }
}
