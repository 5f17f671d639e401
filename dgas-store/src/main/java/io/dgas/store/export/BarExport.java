package io.dgas.store.export;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * A symbol's active bars as CSV in the format {@code dgas ingest bars} and {@code dgas analyze --bars} read ({@link
 * #HEADER}), so an export loads back unchanged: ISO-8601 UTC times, prices and volumes as the shortest decimals that
 * read back as the stored doubles. Rows stream by timeframe then time, from a replica when one serves reads ({@link
 * CsvExport}: the key is the timeframe's rank and the time).
 */
public final class BarExport {
    /** The columns written, the multi-symbol layout of {@code ingest bars}. */
    public static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume";

    private static final String SQL = "/* dgas:data.export */ SELECT b.ts, b.timeframe, b.open, b.high, b.low,"
            + " b.close, b.volume, r.rank FROM bars b JOIN symbols y ON y.id = b.symbol_id"
            + " CROSS JOIN LATERAL (SELECT array_position(ARRAY['1m','5m','15m','30m','1h','4h','1d','1w'],"
            + " b.timeframe) AS rank) r WHERE y.ticker = ? AND b.deleted_at IS NULL"
            + " AND (?::timestamptz IS NULL OR b.ts >= ?) AND (?::timestamptz IS NULL OR b.ts < ?)"
            + " AND (?::text IS NULL OR b.timeframe = ?) AND (?::int IS NULL OR (r.rank, b.ts) > (?, ?))"
            + " ORDER BY r.rank, b.ts";

    private final Database db;

    public BarExport(Database db) {
        this.db = db;
    }

    /**
     * Writes the header and the active bars of {@code ticker} ({@code timeframe} null: every timeframe) with {@code
     * from <= ts < to} (either bound may be null) to {@code out}, returning the rows written.
     *
     * @throws io.dgas.store.bars.UnknownSymbolException when no symbol has that ticker
     */
    public long write(String ticker, Timeframe timeframe, Instant from, Instant to, Writer out) {
        return new Rows(ticker, timeframe, from, to).write(db, "data.export", HEADER, out);
    }

    private static final class Rows extends CsvExport {
        private final String timeframe;

        Rows(String ticker, Timeframe timeframe, Instant from, Instant to) {
            super(SQL, 1, 8, ticker, from, to);
            this.timeframe = timeframe == null ? null : timeframe.code();
        }

        @Override
        int bindFilter(PreparedStatement ps, int at) throws SQLException {
            ps.setString(at, timeframe);
            ps.setString(at + 1, timeframe);
            return at + 2;
        }

        @Override
        void bindAfter(PreparedStatement ps, int at, Timestamp ts, Integer rank) throws SQLException {
            ps.setObject(at, rank, Types.INTEGER);
            ps.setObject(at + 1, rank, Types.INTEGER);
            ps.setTimestamp(at + 2, ts);
        }

        @Override
        void format(ResultSet rs, StringBuilder line) throws SQLException {
            line.append(rs.getTimestamp(1).toInstant())
                    .append(',')
                    .append(ticker)
                    .append(',');
            line.append(rs.getString(2));
            for (int col = 3; col <= 7; col++) {
                line.append(',').append(plain(rs.getDouble(col)));
            }
        }
    }
}
