package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where stored bar series skip: consecutive active bars further apart than the timeframe, with each series' extent,
 * found in one pass of the bars in (symbol, time) order (window functions over the primary key's order) and streamed
 * to the caller, so a long series of many skips (a minute series across every night) is never held in memory, and
 * the series of every symbol cost one statement, not one each. Whether a skip is a gap or a closed market is the
 * caller's to judge.
 */
public final class SeriesJumps {
    private static final int FETCH_ROWS = 10_000;

    private final Database db;

    public SeriesJumps(Database db) {
        this.db = db;
    }

    /** Two consecutive active bars opening at {@code before} and {@code after}, more than one timeframe apart. */
    public record Jump(Instant before, Instant after) {}

    /** The active bars of a series in the range: how many, the first and the last. */
    public record Extent(long bars, Instant first, Instant last) {}

    /**
     * A bar of a series that the caller needs: the series' first bar of the range carries the series' {@code extent}
     * (else null), a bar followed by a skip carries the {@code jump} (else null); with the symbol's asset class.
     */
    public record Step(String symbol, String assetClass, Extent extent, Jump jump) {}

    /**
     * The steps of the active bars at {@code timeframe} with {@code from <= ts < to} (either bound may be null) of
     * {@code ticker}, or of every active symbol when it is null, to {@code steps} by symbol (byte order) then time.
     * A series without bars in the range gives no step.
     */
    public void scan(String ticker, Timeframe timeframe, Instant from, Instant to, Consumer<Step> steps) {
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        // a replica failing mid-stream has the read run again on the primary: the steps already passed on are skipped
        Step[] passed = {null};
        Consumer<Step> once = s -> {
            Step p = passed[0];
            int bySymbol = p == null ? 1 : s.symbol().compareTo(p.symbol());
            if (bySymbol > 0 || (bySymbol == 0 && at(s).isAfter(at(p)))) {
                passed[0] = s;
                steps.accept(s);
            }
        };
        db.routing()
                .reading(() -> db.inTransaction(
                        s -> s.timed("data.gaps", c -> steps(c, ticker, timeframe, f, t, once), n -> n)));
    }

    /** The bar a step stands at. */
    private static Instant at(Step s) {
        return s.jump() != null ? s.jump().before() : s.extent().first();
    }

    private static long steps(Connection c, String ticker, Timeframe tf, Timestamp f, Timestamp t, Consumer<Step> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("/* dgas:data.gaps */ SELECT ticker, asset_class, ts, next,"
                + " next > ts + make_interval(secs => ?), k = 1, n, last_ts FROM (SELECT y.ticker, y.asset_class,"
                + " b.ts, lead(b.ts) OVER w AS next, row_number() OVER w AS k, count(*) OVER p AS n,"
                + " max(b.ts) OVER p AS last_ts FROM bars b JOIN symbols y ON y.id = b.symbol_id"
                + " WHERE (y.ticker = ? OR (?::text IS NULL AND y.deleted_at IS NULL)) AND b.timeframe = ?"
                + " AND b.deleted_at IS NULL AND (?::timestamptz IS NULL OR b.ts >= ?)"
                + " AND (?::timestamptz IS NULL OR b.ts < ?)"
                + " WINDOW w AS (PARTITION BY b.symbol_id ORDER BY b.ts), p AS (PARTITION BY b.symbol_id)) x"
                + " WHERE k = 1 OR next > ts + make_interval(secs => ?) ORDER BY ticker COLLATE \"C\", ts")) {
            // a cursor: the driver fetches in a transaction only
            ps.setFetchSize(FETCH_ROWS);
            ps.setLong(1, tf.seconds());
            ps.setString(2, ticker);
            ps.setString(3, ticker);
            ps.setString(4, tf.code());
            ps.setTimestamp(5, f);
            ps.setTimestamp(6, f);
            ps.setTimestamp(7, t);
            ps.setTimestamp(8, t);
            ps.setLong(9, tf.seconds());
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant ts = rs.getTimestamp(3).toInstant();
                    Jump jump =
                            rs.getBoolean(5) ? new Jump(ts, rs.getTimestamp(4).toInstant()) : null;
                    Extent extent = rs.getBoolean(6)
                            ? new Extent(rs.getLong(7), ts, rs.getTimestamp(8).toInstant())
                            : null;
                    out.accept(new Step(rs.getString(1), rs.getString(2), extent, jump));
                    rows++;
                }
            }
            return rows;
        }
    }
}
