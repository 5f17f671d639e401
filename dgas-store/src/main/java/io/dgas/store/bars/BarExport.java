package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * A symbol's active bars as CSV in the format {@code dgas ingest bars} and {@code dgas analyze --bars} read ({@link
 * #HEADER}), so an export loads back unchanged: ISO-8601 UTC times, prices and volumes as the shortest decimals that
 * read back as the stored doubles, written plainly (never {@code 1.0E-4}). Rows stream from a cursor
 * ({@value #FETCH_ROWS} at a time), by timeframe then time, so a long history is never held in memory.
 *
 * <p>Design notes: an export reads every bar of its range, so with {@code database.replicas} a replica serves it
 * (under the read routing's rule: one holding every write announced so far). A replica that fails mid-stream (it goes
 * down, or a conflict with its recovery cancels the read) has the read run again on the primary, and that run
 * resumes after the last row written, by (timeframe rank, time): the rows are unique and ordered by that key, so
 * nothing is written twice or skipped, and the header is written once, before either run.
 */
public final class BarExport {
    /** The columns written, the multi-symbol layout of {@code ingest bars}. */
    public static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume";

    static final int FETCH_ROWS = 10_000;

    private static final String SQL = "/* dgas:data.export */ SELECT b.ts, b.timeframe, b.open, b.high, b.low,"
            + " b.close, b.volume, r.rank FROM bars b JOIN symbols y ON y.id = b.symbol_id"
            + " CROSS JOIN LATERAL (SELECT array_position(ARRAY['1m','5m','15m','30m','1h','4h','1d','1w'],"
            + " b.timeframe) AS rank) r WHERE y.ticker = ? AND b.deleted_at IS NULL"
            + " AND (?::text IS NULL OR b.timeframe = ?) AND (?::timestamptz IS NULL OR b.ts >= ?)"
            + " AND (?::timestamptz IS NULL OR b.ts < ?) AND (?::int IS NULL OR (r.rank, b.ts) > (?, ?))"
            + " ORDER BY r.rank, b.ts";

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
        try {
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cursor cursor = new Cursor(ticker, timeframe, from, to, out);
        return db.routing().reading(() -> db.inTransaction(s -> s.timed("data.export", cursor::resume, n -> n)));
    }

    /** Where an export stands: what it asks for and the key of the last row written, so that a run resumes there. */
    private static final class Cursor {
        private final String ticker;
        private final String timeframe;
        private final Timestamp from;
        private final Timestamp to;
        private final Writer out;
        private final StringBuilder line = new StringBuilder(96);
        private long rows;
        /** The last row's timeframe rank and time; no row yet while {@code lastTs} is null. */
        private int lastRank;

        private Timestamp lastTs;

        Cursor(String ticker, Timeframe timeframe, Instant from, Instant to, Writer out) {
            this.ticker = ticker;
            this.timeframe = timeframe == null ? null : timeframe.code();
            this.from = from == null ? null : Timestamp.from(from);
            this.to = to == null ? null : Timestamp.from(to);
            this.out = out;
        }

        /** Writes the rows after the last one written (all of them on the first run); the rows written in all. */
        long resume(Connection c) throws SQLException, IOException {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                // a cursor, not the whole result at once: the driver fetches in a transaction only
                ps.setFetchSize(FETCH_ROWS);
                ps.setString(1, ticker);
                ps.setString(2, timeframe);
                ps.setString(3, timeframe);
                ps.setTimestamp(4, from);
                ps.setTimestamp(5, from);
                ps.setTimestamp(6, to);
                ps.setTimestamp(7, to);
                Integer rank = lastTs == null ? null : lastRank;
                ps.setObject(8, rank, java.sql.Types.INTEGER);
                ps.setObject(9, rank, java.sql.Types.INTEGER);
                ps.setTimestamp(10, lastTs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        write(rs);
                    }
                }
            }
            out.flush();
            return rows;
        }

        private void write(ResultSet rs) throws SQLException, IOException {
            Timestamp ts = rs.getTimestamp(1);
            line.setLength(0);
            line.append(ts.toInstant()).append(',').append(ticker).append(',');
            line.append(rs.getString(2));
            for (int col = 3; col <= 7; col++) {
                line.append(',').append(plain(rs.getDouble(col)));
            }
            out.append(line).append('\n');
            rows++;
            lastRank = rs.getInt(8);
            lastTs = ts;
        }
    }

    /** The shortest decimal reading back as {@code v}, without an exponent ({@code 100.0} as {@code 100}). */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
