package io.dgas.store.export;

import io.dgas.store.Database;
import io.dgas.store.bars.KnownSymbols;
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
 * A symbol's rows as CSV, streamed from a cursor ({@value #FETCH_ROWS} rows at a time) in the order of a unique key
 * of a time and a whole number, so a long history is never held in memory.
 *
 * <p>Design notes: an export reads every row of its range, so with {@code database.replicas} a replica serves it
 * (under the read routing's rule: one holding every write announced so far). A replica that fails mid-stream (it goes
 * down, or a conflict with its recovery cancels the read) has the read run again on the primary, and that run
 * resumes after the key of the last row written: nothing is written twice or skipped, and the header is written
 * once, before either run. Numbers are written as the shortest decimals that read back as the stored doubles,
 * plainly (never {@code 1.0E-4}).
 */
abstract class CsvExport {
    // one instance per export: it holds where that export stands
    static final int FETCH_ROWS = 10_000;

    private final String sql;
    /** The symbol exported and the range, {@code from <= ts < to} (either null: unbounded). */
    final String ticker;

    private final Timestamp from;
    private final Timestamp to;
    private final int timeColumn;
    private final int numberColumn;
    private final StringBuilder line = new StringBuilder(96);
    private Writer out;
    private long rows;
    /** The last row's key; no row yet while {@code lastTs} is null. */
    private Timestamp lastTs;

    private int lastNumber;

    /**
     * @param sql the statement: its selection's parameters first (the ticker, the range's start twice and its end twice,
     *     as in {@code y.ticker = ? AND (?::timestamptz IS NULL OR ts >= ?) AND (?::timestamptz IS NULL OR ts < ?)},
     *     then {@link #bindFilter}'s), then the resume condition's ({@link #bindAfter}), its rows in the order of
     *     their key
     * @param timeColumn the column of the key's time
     * @param numberColumn the column of the key's whole number
     */
    CsvExport(String sql, int timeColumn, int numberColumn, String ticker, Instant from, Instant to) {
        this.sql = sql;
        this.timeColumn = timeColumn;
        this.numberColumn = numberColumn;
        this.ticker = ticker;
        this.from = from == null ? null : Timestamp.from(from);
        this.to = to == null ? null : Timestamp.from(to);
    }

    /** Binds the selection's parameters after the ticker and range from {@code at} on; the index of the next one. */
    int bindFilter(PreparedStatement ps, int at) throws SQLException {
        return at;
    }

    /**
     * Binds the resume condition from parameter {@code at} on: after the row with key ({@code ts}, {@code number}),
     * or every row when {@code ts} is null.
     */
    abstract void bindAfter(PreparedStatement ps, int at, Timestamp ts, Integer number) throws SQLException;

    /** Appends the CSV fields of the current row (no line end). */
    abstract void format(ResultSet rs, StringBuilder line) throws SQLException;

    /**
     * Writes {@code header} and the rows to {@code out} after checking the ticker exists, timing the read as
     * {@code name}; the rows written.
     */
    final long write(Database db, String name, String header, Writer out) {
        KnownSymbols.require(db, List.of(ticker));
        this.out = out;
        try {
            out.write(header);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return db.routing().reading(() -> db.inTransaction(s -> s.timed(name, this::resume, n -> n)));
    }

    /** Writes the rows after the last one written (all of them on the first run); the rows written in all. */
    private long resume(Connection c) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // a cursor, not the whole result at once: the driver fetches in a transaction only
            ps.setFetchSize(FETCH_ROWS);
            ps.setString(1, ticker);
            ps.setTimestamp(2, from);
            ps.setTimestamp(3, from);
            ps.setTimestamp(4, to);
            ps.setTimestamp(5, to);
            bindAfter(ps, bindFilter(ps, 6), lastTs, lastTs == null ? null : lastNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    line.setLength(0);
                    format(rs, line);
                    out.append(line).append('\n');
                    rows++;
                    lastTs = rs.getTimestamp(timeColumn);
                    lastNumber = rs.getInt(numberColumn);
                }
            }
        }
        out.flush();
        return rows;
    }

    /** The shortest decimal reading back as {@code v}, without an exponent ({@code 100.0} as {@code 100}). */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
