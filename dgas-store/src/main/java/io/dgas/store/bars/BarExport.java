package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A symbol's active bars as CSV in the format {@code dgas ingest bars} and {@code dgas analyze --bars} read ({@link
 * #HEADER}), so an export loads back unchanged: ISO-8601 UTC times, prices and volumes as the shortest decimals that
 * read back as the stored doubles, written plainly (never {@code 1.0E-4}). Rows stream from a cursor
 * ({@value #FETCH_ROWS} at a time), by timeframe then time, so a long history is never held in memory.
 */
public final class BarExport {
    /** The columns written, the multi-symbol layout of {@code ingest bars}. */
    public static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume";

    static final int FETCH_ROWS = 10_000;

    private final Database db;

    public BarExport(Database db) {
        this.db = db;
    }

    /**
     * Writes the header and the active bars of {@code ticker} ({@code timeframe} null: every timeframe) with {@code
     * from <= ts < to} (either bound may be null) to {@code out}, returning the rows written.
     *
     * @throws UnknownSymbolException when no symbol has that ticker
     */
    public long write(String ticker, Timeframe timeframe, Instant from, Instant to, Writer out) {
        KnownSymbols.require(db, List.of(ticker));
        return db.inTransaction(s -> s.timed(
                "data.export",
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "/* dgas:data.export */ SELECT b.ts, b.timeframe, b.open, b.high, b.low, b.close,"
                                    + " b.volume FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = ?"
                                    + " AND b.deleted_at IS NULL AND (?::text IS NULL OR b.timeframe = ?)"
                                    + " AND (?::timestamptz IS NULL OR b.ts >= ?) AND (?::timestamptz IS NULL OR"
                                    + " b.ts < ?) ORDER BY array_position(ARRAY['1m','5m','15m','30m','1h','4h',"
                                    + "'1d','1w'], b.timeframe), b.ts")) {
                        // a cursor, not the whole result at once: the driver fetches in a transaction only
                        ps.setFetchSize(FETCH_ROWS);
                        String tf = timeframe == null ? null : timeframe.code();
                        Timestamp f = from == null ? null : Timestamp.from(from);
                        Timestamp t = to == null ? null : Timestamp.from(to);
                        ps.setString(1, ticker);
                        ps.setString(2, tf);
                        ps.setString(3, tf);
                        ps.setTimestamp(4, f);
                        ps.setTimestamp(5, f);
                        ps.setTimestamp(6, t);
                        ps.setTimestamp(7, t);
                        return rows(ps, ticker, out);
                    }
                },
                n -> n));
    }

    private static long rows(PreparedStatement ps, String ticker, Writer out)
            throws java.sql.SQLException, IOException {
        out.write(HEADER);
        out.write('\n');
        long n = 0;
        StringBuilder line = new StringBuilder(96);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                line.setLength(0);
                line.append(rs.getTimestamp(1).toInstant())
                        .append(',')
                        .append(ticker)
                        .append(',');
                line.append(rs.getString(2));
                for (int col = 3; col <= 7; col++) {
                    line.append(',').append(plain(rs.getDouble(col)));
                }
                out.append(line).append('\n');
                n++;
            }
        }
        out.flush();
        return n;
    }

    /** The shortest decimal reading back as {@code v}, without an exponent ({@code 100.0} as {@code 100}). */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
