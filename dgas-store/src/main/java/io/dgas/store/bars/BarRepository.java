package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads bars. Every read here is an "active" read: soft-deleted rows are never returned. Results are columnar
 * ({@link BarColumns}, oldest first); a symbol with no bars yields an empty series, never null.
 *
 * <p>Batch reads answer many symbols with one statement (a LATERAL join over the symbols), so a cycle's query count is
 * constant per batch, not per symbol.
 */
public final class BarRepository {
    /**
     * The symbol's id as a scalar subquery: the planner then reads the primary key (symbol_id, timeframe, ts) of each
     * partition backwards, instead of joining through the (timeframe, ts) index and filtering every symbol's rows.
     */
    private static final String SYMBOL_ID = "SELECT id FROM symbols WHERE ticker = ?";

    // date_part is float8 arithmetic, extract() is numeric (much slower per row since PostgreSQL 14); exact here
    // because stored bars are aligned to whole seconds
    private static final String COLS = "date_part('epoch', b.ts)::bigint, b.open, b.high, b.low, b.close, b.volume";

    private final Database db;

    public BarRepository(Database db) {
        this.db = db;
    }

    /** Bars with {@code from <= ts < to}. */
    public BarColumns range(String symbol, Timeframe tf, Instant from, Instant to) {
        return range(symbol, tf, from, to, false);
    }

    /** Bars with {@code from <= ts < to}; soft-deleted ones too when {@code includeDeleted}. */
    public BarColumns range(String symbol, Timeframe tf, Instant from, Instant to, boolean includeDeleted) {
        ColumnsBuilder out = new ColumnsBuilder(symbol, tf);
        db.query(
                includeDeleted ? "bars.range-with-deleted" : "bars.range",
                "SELECT " + COLS + " FROM bars b WHERE b.symbol_id = (" + SYMBOL_ID + ")"
                        + " AND b.timeframe = ? AND b.ts >= ? AND b.ts < ?" + activeOnly(includeDeleted)
                        + " ORDER BY b.ts",
                ps -> {
                    ps.setString(1, symbol);
                    ps.setString(2, tf.code());
                    ps.setTimestamp(3, Timestamp.from(from));
                    ps.setTimestamp(4, Timestamp.from(to));
                },
                rs -> {
                    out.add(rs, 1);
                    return null;
                });
        return out.build(false);
    }

    /** The newest {@code n} bars, returned oldest first. */
    public BarColumns last(String symbol, Timeframe tf, int n) {
        return last(symbol, tf, n, false);
    }

    /** The newest {@code n} bars, returned oldest first; soft-deleted ones too when {@code includeDeleted}. */
    public BarColumns last(String symbol, Timeframe tf, int n, boolean includeDeleted) {
        ColumnsBuilder out = new ColumnsBuilder(symbol, tf);
        db.query(
                includeDeleted ? "bars.last-n-with-deleted" : "bars.last-n",
                "SELECT " + COLS + " FROM bars b WHERE b.symbol_id = (" + SYMBOL_ID + ")" + " AND b.timeframe = ?"
                        + activeOnly(includeDeleted) + " ORDER BY b.ts DESC LIMIT ?",
                ps -> {
                    ps.setString(1, symbol);
                    ps.setString(2, tf.code());
                    ps.setInt(3, n);
                },
                rs -> {
                    out.add(rs, 1);
                    return null;
                });
        return out.build(true);
    }

    /** The newest bar of each symbol that has one, in one query; symbols without bars are absent from the map. */
    public Map<String, LatestBar> latest(Collection<String> symbols, Timeframe tf) {
        return db.withSession(s -> latest(s, symbols, tf));
    }

    /** {@link #latest(Collection, Timeframe)} on {@code s} (inside a caller's transaction). */
    public Map<String, LatestBar> latest(io.dgas.store.SqlSession s, Collection<String> symbols, Timeframe tf) {
        Map<String, LatestBar> out = new LinkedHashMap<>();
        s.query(
                "bars.latest-many",
                "SELECT y.ticker, " + COLS + ", b.is_partial FROM symbols y CROSS JOIN LATERAL (SELECT * FROM bars x"
                        + " WHERE x.symbol_id = y.id AND x.timeframe = ? AND x.deleted_at IS NULL"
                        + " ORDER BY x.ts DESC LIMIT 1) b WHERE y.ticker = ANY (?) ORDER BY y.ticker",
                ps -> {
                    ps.setString(1, tf.code());
                    tickers(ps, 2, symbols);
                },
                rs -> {
                    out.put(
                            rs.getString(1),
                            new LatestBar(
                                    rs.getString(1),
                                    tf,
                                    rs.getLong(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5),
                                    rs.getDouble(6),
                                    rs.getDouble(7),
                                    rs.getBoolean(8)));
                    return null;
                });
        return out;
    }

    /**
     * The newest {@code n} bars of every symbol in {@code symbols}, each oldest first, in one query; every requested
     * symbol is in the map (empty when it has no bars), in the order given.
     */
    public Map<String, BarColumns> lastForSymbols(Collection<String> symbols, Timeframe tf, int n) {
        Map<String, ColumnsBuilder> builders = builders(symbols, tf);
        db.query(
                "bars.last-n-many",
                "SELECT y.ticker, " + COLS + " FROM symbols y CROSS JOIN LATERAL (SELECT * FROM bars x"
                        + " WHERE x.symbol_id = y.id AND x.timeframe = ? AND x.deleted_at IS NULL"
                        + " ORDER BY x.ts DESC LIMIT ?) b WHERE y.ticker = ANY (?) ORDER BY y.ticker, b.ts",
                ps -> {
                    ps.setString(1, tf.code());
                    ps.setInt(2, n);
                    tickers(ps, 3, symbols);
                },
                rs -> addTo(builders, rs));
        return built(builders);
    }

    /**
     * The active bars with {@code from <= ts < to} of every symbol in {@code symbols}, each oldest first, in one query
     * (a backtest's load: one statement a timeframe, not one a symbol); every requested symbol is in the map (empty
     * when it has no bars there), in the order given.
     */
    public Map<String, BarColumns> rangeForSymbols(Collection<String> symbols, Timeframe tf, Instant from, Instant to) {
        Map<String, ColumnsBuilder> builders = builders(symbols, tf);
        db.query(
                "bars.range-many",
                "SELECT y.ticker, " + COLS + " FROM symbols y JOIN bars b ON b.symbol_id = y.id"
                        + " WHERE y.ticker = ANY (?) AND b.timeframe = ? AND b.ts >= ? AND b.ts < ?"
                        + " AND b.deleted_at IS NULL ORDER BY y.ticker, b.ts",
                ps -> {
                    tickers(ps, 1, symbols);
                    ps.setString(2, tf.code());
                    ps.setTimestamp(3, Timestamp.from(from));
                    ps.setTimestamp(4, Timestamp.from(to));
                },
                rs -> addTo(builders, rs));
        return built(builders);
    }

    /**
     * Per series, the active bars with {@code ts >= since} (epoch seconds), oldest first, at most {@code limit} each,
     * in one query: what a warm analysis needs to catch up (its last bar, possibly revised, and any newer ones). The
     * rows come back grouped by request ({@link SpanRows}, request {@code i} being {@code tickers.get(i)}), binary and
     * in primitive columns; a ticker without such bars (or not stored) has none.
     *
     * @param since per request, the oldest bar wanted
     */
    public SpanRows sinceForSymbols(List<String> tickers, long[] since, Timeframe tf, int limit) {
        int n = tickers.size();
        long[] ordinals = new long[n];
        for (int i = 0; i < n; i++) {
            ordinals[i] = i + 1;
        }
        SpanReader rows = new SpanReader(ordinals, since, limit);
        if (n == 0) {
            return rows.build();
        }
        db.query(
                "bars.since-many",
                "SELECT r.i, " + COLS + " FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS r(ticker, since, i)"
                        + " JOIN symbols y ON y.ticker = r.ticker CROSS JOIN LATERAL (SELECT * FROM bars x"
                        + " WHERE x.symbol_id = y.id AND x.timeframe = ? AND x.deleted_at IS NULL"
                        + " AND x.ts >= to_timestamp(r.since) ORDER BY x.ts LIMIT ?) b ORDER BY r.i, b.ts",
                ps -> {
                    binary(ps);
                    tickers(ps, 1, tickers);
                    ps.setArray(
                            2,
                            ps.getConnection()
                                    .unwrap(org.postgresql.PGConnection.class)
                                    .createArrayOf("int8", since));
                    ps.setString(3, tf.code());
                    ps.setInt(4, limit);
                },
                rs -> {
                    rows.add(rs);
                    return null;
                });
        return rows.build();
    }

    /**
     * What {@link #sinceForSymbols} answers (per series, its active bars with {@code ts >= since}, oldest first, at most
     * {@code limit} each), read as one range of the {@code (timeframe, ts)} index from the oldest {@code since} on
     * instead of one index descent per symbol: a few buffers for thousands of series instead of several per series.
     * The rows come back in primitive columns grouped by request ({@link SpanRows}), decoded from the server's binary
     * format, so the read allocates nothing per row or per series.
     *
     * <p>Every active row of {@code tf} in that span is read, those of other symbols are dropped here, so this pays
     * when the symbols are most of those with bars in the span and their {@code since} lie close together (a whole
     * universe catching up on its newest bars); a caller keeps stragglers for {@link #sinceForSymbols}. The plan is
     * the same range scan whether the statement is planned per execution or generically (the span's lower bound is
     * its only parameter besides the timeframe).
     *
     * @param ids the symbol id of each requested series ({@link #symbolIds}), distinct
     * @param since per request, the oldest bar wanted (epoch seconds)
     */
    public SpanRows sinceInSpan(long[] ids, long[] since, Timeframe tf, int limit) {
        SpanReader rows = new SpanReader(ids, since, limit);
        if (ids.length == 0) {
            return rows.build();
        }
        long start = rows.from();
        db.query(
                "bars.since-span",
                "SELECT b.symbol_id, " + COLS + " FROM bars b WHERE b.timeframe = ? AND b.ts >= to_timestamp(?)"
                        + " AND b.deleted_at IS NULL ORDER BY b.ts",
                ps -> {
                    binary(ps);
                    ps.setString(1, tf.code());
                    ps.setLong(2, start);
                },
                rs -> {
                    rows.add(rs);
                    return null;
                });
        return rows.build();
    }

    /** Ids of the stored symbols among {@code tickers} (soft-deleted ones too), in one query. */
    public Map<String, Long> symbolIds(Collection<String> tickers) {
        Map<String, Long> out = new HashMap<>();
        db.query(
                "bars.symbol-ids",
                "SELECT ticker, id FROM symbols WHERE ticker = ANY (?)",
                ps -> tickers(ps, 1, tickers),
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Adds a row whose first column is the ticker to that ticker's builder. */
    private static Void addTo(Map<String, ColumnsBuilder> builders, java.sql.ResultSet rs) throws SQLException {
        builders.get(rs.getString(1)).add(rs, 2);
        return null;
    }

    /** An empty builder per symbol, in the order given. */
    private static Map<String, ColumnsBuilder> builders(Collection<String> symbols, Timeframe tf) {
        Map<String, ColumnsBuilder> builders = new LinkedHashMap<>();
        for (String s : symbols) {
            builders.put(s, new ColumnsBuilder(s, tf));
        }
        return builders;
    }

    private static Map<String, BarColumns> built(Map<String, ColumnsBuilder> builders) {
        Map<String, BarColumns> out = new LinkedHashMap<>();
        builders.forEach((s, b) -> out.put(s, b.build(false)));
        return out;
    }

    /** Active bar count of one series. */
    public long count(String symbol, Timeframe tf) {
        return db.queryOne(
                        "bars.count",
                        "SELECT count(*) FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = ?"
                                + " AND b.timeframe = ? AND b.deleted_at IS NULL",
                        ps -> {
                            ps.setString(1, symbol);
                            ps.setString(2, tf.code());
                        },
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    /** Asks for binary rows: int8 and float8 arrive as their bytes, not as text to parse. */
    private static void binary(PreparedStatement ps) throws SQLException {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
    }

    private static String activeOnly(boolean includeDeleted) {
        return includeDeleted ? "" : " AND b.deleted_at IS NULL";
    }

    private static void tickers(PreparedStatement ps, int index, Collection<String> symbols) throws SQLException {
        ps.setArray(
                index,
                ps.getConnection().createArrayOf("text", List.copyOf(symbols).toArray()));
    }
}
