package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a stored bar series skips: consecutive active bars further apart than the timeframe, found in one pass of the
 * series in time order (a window function over the primary key's order) and streamed to the caller, so a long series
 * of many skips (a minute series across every night) is never held in memory. Whether a skip is a gap or a closed
 * market is the caller's to judge.
 */
public final class SeriesJumps {
    private static final int FETCH_ROWS = 10_000;

    private final Database db;

    public SeriesJumps(Database db) {
        this.db = db;
    }

    /** Two consecutive active bars opening at {@code before} and {@code after}, more than one timeframe apart. */
    public record Jump(Instant before, Instant after) {}

    /** The active bars of the range: how many, the first and the last (both null without bars). */
    public record Extent(long bars, Instant first, Instant last) {}

    /**
     * The extent of the active bars of {@code ticker} at {@code timeframe} with {@code from <= ts < to} (either bound
     * may be null), and each jump between them to {@code jumps} in time order.
     *
     * @throws UnknownSymbolException when no symbol has that ticker
     */
    public Extent scan(String ticker, Timeframe timeframe, Instant from, Instant to, Consumer<Jump> jumps) {
        KnownSymbols.require(db, List.of(ticker));
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        // a replica failing mid-stream has the read run again on the primary: jumps already passed on are skipped
        Instant[] passed = {null};
        Consumer<Jump> once = j -> {
            if (passed[0] == null || j.before().isAfter(passed[0])) {
                passed[0] = j.before();
                jumps.accept(j);
            }
        };
        return db.routing()
                .reading(() -> db.inTransaction(s -> {
                    Extent extent = s.queryOne(
                                    "data.gaps-extent",
                                    "SELECT count(*), min(b.ts), max(b.ts) FROM bars b JOIN symbols y ON y.id = b.symbol_id"
                                            + " WHERE y.ticker = ? AND b.timeframe = ? AND b.deleted_at IS NULL"
                                            + " AND (?::timestamptz IS NULL OR b.ts >= ?)"
                                            + " AND (?::timestamptz IS NULL OR b.ts < ?)",
                                    ps -> bind(ps, ticker, timeframe, f, t),
                                    rs -> new Extent(
                                            rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
                            .orElseThrow();
                    if (extent.bars() > 1) {
                        s.timed("data.gaps", c -> jumps(c, ticker, timeframe, f, t, once), n -> n);
                    }
                    return extent;
                }));
    }

    private static long jumps(
            java.sql.Connection c, String ticker, Timeframe tf, Timestamp f, Timestamp t, Consumer<Jump> out)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("/* dgas:data.gaps */ SELECT ts, next FROM (SELECT b.ts,"
                + " lead(b.ts) OVER (ORDER BY b.ts) AS next FROM bars b JOIN symbols y ON y.id = b.symbol_id"
                + " WHERE y.ticker = ? AND b.timeframe = ? AND b.deleted_at IS NULL"
                + " AND (?::timestamptz IS NULL OR b.ts >= ?) AND (?::timestamptz IS NULL OR b.ts < ?)) x"
                + " WHERE next > ts + make_interval(secs => ?) ORDER BY ts")) {
            // a cursor: the driver fetches in a transaction only
            ps.setFetchSize(FETCH_ROWS);
            bind(ps, ticker, tf, f, t);
            ps.setLong(7, tf.seconds());
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.accept(new Jump(
                            rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
                    n++;
                }
            }
            return n;
        }
    }

    private static void bind(PreparedStatement ps, String ticker, Timeframe tf, Timestamp f, Timestamp t)
            throws SQLException {
        ps.setString(1, ticker);
        ps.setString(2, tf.code());
        ps.setTimestamp(3, f);
        ps.setTimestamp(4, f);
        ps.setTimestamp(5, t);
        ps.setTimestamp(6, t);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
