package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Every active symbol's active bars at one timeframe, one whole series at a time, in one statement: the bars are read
 * in (symbol, time) order through a cursor and each series is handed over when the next begins, so a universe is
 * checked holding one series in memory, not all of them, and without a statement per symbol.
 */
public final class SeriesScan {
    private static final int FETCH_ROWS = 10_000;

    private final Database db;

    public SeriesScan(Database db) {
        this.db = db;
    }

    /** Receives each series with its symbol's asset class (null when unset). */
    @FunctionalInterface
    public interface SeriesConsumer {
        void accept(String assetClass, BarColumns bars);
    }

    /**
     * Hands every active symbol's active bars at {@code timeframe} with {@code from <= ts < to} (either bound may be
     * null) to {@code out}, one series a call, by ticker (byte order), each oldest first. A symbol without bars in the
     * range is not handed over.
     */
    public void scan(Timeframe timeframe, Instant from, Instant to, SeriesConsumer out) {
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        // a replica failing mid-stream has the read run again on the primary: the series already handed over are
        // skipped (a series is handed over only once read whole)
        String[] passed = {null};
        SeriesConsumer once = (assetClass, bars) -> {
            if (passed[0] == null || bars.symbol().compareTo(passed[0]) > 0) {
                passed[0] = bars.symbol();
                out.accept(assetClass, bars);
            }
        };
        db.routing()
                .reading(() -> db.inTransaction(
                        s -> s.timed("data.check-universe", c -> series(c, timeframe, f, t, once), n -> n)));
    }

    private static long series(Connection c, Timeframe tf, Timestamp f, Timestamp t, SeriesConsumer out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("/* dgas:data.check-universe */ SELECT y.ticker,"
                + " y.asset_class, date_part('epoch', b.ts)::bigint, b.open, b.high, b.low, b.close, b.volume"
                + " FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.deleted_at IS NULL AND b.timeframe = ?"
                + " AND b.deleted_at IS NULL AND (?::timestamptz IS NULL OR b.ts >= ?)"
                + " AND (?::timestamptz IS NULL OR b.ts < ?) ORDER BY y.ticker COLLATE \"C\", b.ts")) {
            // a cursor: the driver fetches in a transaction only
            ps.setFetchSize(FETCH_ROWS);
            ps.setString(1, tf.code());
            ps.setTimestamp(2, f);
            ps.setTimestamp(3, f);
            ps.setTimestamp(4, t);
            ps.setTimestamp(5, t);
            long rows = 0;
            ColumnsBuilder series = null;
            String assetClass = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ticker = rs.getString(1);
                    if (series == null || !ticker.equals(series.symbol())) {
                        if (series != null) {
                            out.accept(assetClass, series.build(false));
                        }
                        series = new ColumnsBuilder(ticker, tf, 1024);
                        assetClass = rs.getString(2);
                    }
                    series.add(rs, 3);
                    rows++;
                }
            }
            if (series != null) {
                out.accept(assetClass, series.build(false));
            }
            return rows;
        }
    }
}
