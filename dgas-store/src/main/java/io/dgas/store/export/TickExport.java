package io.dgas.store.export;

import io.dgas.store.Database;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * A symbol's active ticks as CSV in the format {@code dgas ingest ticks} reads ({@link #HEADER}): ISO-8601 UTC times
 * to the microsecond, prices and sizes as the shortest decimals that read back as the stored doubles, an absent quote
 * as an empty field. Rows stream in time order, ticks of one microsecond in their stored order ({@code seq}), from a
 * replica when one serves reads ({@link CsvExport}: the key is the time and {@code seq}).
 *
 * <p>The file names no {@code seq}: the ingest numbers ticks of one microsecond 0, 1, … in file order, so an export
 * loads back unchanged into a database holding those ticks, and into an empty one, unless a soft-deleted tick shares
 * a microsecond with an exported one (its number then goes to the exported one).
 */
public final class TickExport {
    /** The columns written: the general layout of {@code ingest ticks}. */
    public static final String HEADER = "timestamp,price,size,bid,ask,bid_size,ask_size";

    private static final String SQL = "/* dgas:data.export-ticks */ SELECT t.ts, t.seq, t.price, t.size, t.bid,"
            + " t.ask, t.bid_size, t.ask_size FROM ticks t JOIN symbols y ON y.id = t.symbol_id WHERE y.ticker = ?"
            + " AND t.deleted_at IS NULL AND (?::timestamptz IS NULL OR t.ts >= ?)"
            + " AND (?::timestamptz IS NULL OR t.ts < ?) AND (?::timestamptz IS NULL OR (t.ts, t.seq) > (?, ?))"
            + " ORDER BY t.ts, t.seq";

    private final Database db;

    public TickExport(Database db) {
        this.db = db;
    }

    /**
     * Writes the header and the active ticks of {@code ticker} with {@code from <= ts < to} (either bound may be null)
     * to {@code out}, returning the rows written.
     *
     * @throws io.dgas.store.bars.UnknownSymbolException when no symbol has that ticker
     */
    public long write(String ticker, Instant from, Instant to, Writer out) {
        return new Rows(ticker, from, to).write(db, "data.export-ticks", HEADER, out);
    }

    private static final class Rows extends CsvExport {
        Rows(String ticker, Instant from, Instant to) {
            super(SQL, 1, 2, ticker, from, to);
        }

        @Override
        void bindAfter(PreparedStatement ps, int at, Timestamp ts, Integer seq) throws SQLException {
            ps.setTimestamp(at, ts);
            ps.setTimestamp(at + 1, ts);
            ps.setObject(at + 2, seq, Types.INTEGER);
        }

        @Override
        void format(ResultSet rs, StringBuilder line) throws SQLException {
            line.append(rs.getTimestamp(1).toInstant());
            for (int col = 3; col <= 8; col++) {
                double v = rs.getDouble(col);
                line.append(',');
                if (!rs.wasNull()) {
                    line.append(plain(v));
                }
            }
        }
    }
}
