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

    /** A jump of one symbol's series, with the symbol's asset class. */
    public record SymbolJump(String symbol, String assetClass, Jump jump) {}

    /** One symbol's extent in a universe scan, with its asset class. */
    public record SymbolExtent(String symbol, String assetClass, Extent extent) {}

    /**
     * Every active symbol's series at {@code timeframe} in one pass: the extents (symbols with bars in the range, by
     * ticker) returned, and the jumps of every series to {@code jumps}, by symbol then time (one statement each,
     * whatever the number of symbols).
     */
    public List<SymbolExtent> scanAll(Timeframe timeframe, Instant from, Instant to, Consumer<SymbolJump> jumps) {
        Timestamp f = from == null ? null : Timestamp.from(from);
        Timestamp t = to == null ? null : Timestamp.from(to);
        // a replica failing mid-stream has the read run again on the primary: jumps already passed on are skipped
        SymbolJump[] passed = {null};
        Consumer<SymbolJump> once = j -> {
            SymbolJump p = passed[0];
            int bySymbol = p == null ? 1 : j.symbol().compareTo(p.symbol());
            if (bySymbol > 0
                    || (bySymbol == 0 && j.jump().before().isAfter(p.jump().before()))) {
                passed[0] = j;
                jumps.accept(j);
            }
        };
        return db.routing()
                .reading(() -> db.inTransaction(s -> {
                    List<SymbolExtent> extents = s.query(
                            "data.gaps-extents",
                            "SELECT y.ticker, y.asset_class, count(*), min(b.ts), max(b.ts) FROM bars b"
                                    + " JOIN symbols y ON y.id = b.symbol_id WHERE y.deleted_at IS NULL AND b.timeframe = ?"
                                    + " AND b.deleted_at IS NULL AND (?::timestamptz IS NULL OR b.ts >= ?)"
                                    + " AND (?::timestamptz IS NULL OR b.ts < ?) GROUP BY y.ticker, y.asset_class"
                                    + " ORDER BY y.ticker COLLATE \"C\"",
                            ps -> bindRange(ps, 1, timeframe, f, t),
                            rs -> new SymbolExtent(
                                    rs.getString(1),
                                    rs.getString(2),
                                    new Extent(
                                            rs.getLong(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)))));
                    s.timed("data.gaps-all", c -> allJumps(c, timeframe, f, t, once), n -> n);
                    return extents;
                }));
    }

    private static long allJumps(
            java.sql.Connection c, Timeframe tf, Timestamp f, Timestamp t, Consumer<SymbolJump> out)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("/* dgas:data.gaps-all */ SELECT ticker, asset_class, ts, next FROM"
                        + " (SELECT y.ticker, y.asset_class, b.ts, lead(b.ts) OVER (PARTITION BY b.symbol_id ORDER BY b.ts) AS next"
                        + " FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.deleted_at IS NULL AND b.timeframe = ?"
                        + " AND b.deleted_at IS NULL AND (?::timestamptz IS NULL OR b.ts >= ?)"
                        + " AND (?::timestamptz IS NULL OR b.ts < ?)) x WHERE next > ts + make_interval(secs => ?)"
                        + " ORDER BY ticker COLLATE \"C\", ts")) {
            // a cursor: the driver fetches in a transaction only
            ps.setFetchSize(FETCH_ROWS);
            bindRange(ps, 1, tf, f, t);
            ps.setLong(6, tf.seconds());
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.accept(new SymbolJump(
                            rs.getString(1),
                            rs.getString(2),
                            new Jump(
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getTimestamp(4).toInstant())));
                    n++;
                }
            }
            return n;
        }
    }

    /** Binds the timeframe and the range from parameter {@code at} on (five parameters). */
    private static void bindRange(PreparedStatement ps, int at, Timeframe tf, Timestamp f, Timestamp t)
            throws SQLException {
        ps.setString(at, tf.code());
        ps.setTimestamp(at + 1, f);
        ps.setTimestamp(at + 2, f);
        ps.setTimestamp(at + 3, t);
        ps.setTimestamp(at + 4, t);
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
        bindRange(ps, 2, tf, f, t);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
