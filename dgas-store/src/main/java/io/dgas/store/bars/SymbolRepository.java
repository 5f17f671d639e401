package io.dgas.store.bars;

import io.dgas.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the symbols table for listing and search. Each method is one statement whatever the number of rows, so a
 * page of symbols costs the same as a single one.
 */
public final class SymbolRepository {
    private static final String COLS =
            "y.ticker, y.name, y.exchange, y.asset_class, y.status, y.last_price," + " y.last_tick_at";

    private final Database db;

    public SymbolRepository(Database db) {
        this.db = db;
    }

    /** One symbol as listed. {@code lastPrice} and {@code lastTickAt} are null until ticks arrive. */
    public record Symbol(
            String ticker,
            String name,
            String exchange,
            String assetClass,
            String status,
            Double lastPrice,
            Instant lastTickAt)
            implements java.io.Serializable {}

    /** One stored bar series of a symbol: active rows and their time range. */
    public record Series(String timeframe, long rows, Instant first, Instant last) implements java.io.Serializable {}

    /**
     * Active (not deleted) symbols by ticker whose ticker or name contains {@code query} (case-insensitive; null:
     * all), at most {@code limit} from {@code offset}.
     */
    public List<Symbol> list(String query, int limit, int offset) {
        String like = query == null ? null : "%" + escapeLike(query) + "%";
        return db.query(
                "symbols.list",
                "SELECT " + COLS + " FROM symbols y WHERE y.deleted_at IS NULL AND (?::text IS NULL"
                        + " OR y.ticker ILIKE ? OR y.name ILIKE ?) ORDER BY y.ticker LIMIT ? OFFSET ?",
                ps -> {
                    ps.setString(1, like);
                    ps.setString(2, like);
                    ps.setString(3, like);
                    ps.setInt(4, limit);
                    ps.setInt(5, offset);
                },
                SymbolRepository::symbol);
    }

    /** The active symbol {@code ticker}, if any (exact match, as stored). */
    public Optional<Symbol> find(String ticker) {
        return db.queryOne(
                "symbols.find",
                "SELECT " + COLS + " FROM symbols y WHERE y.ticker = ? AND y.deleted_at IS NULL",
                ps -> ps.setString(1, ticker),
                SymbolRepository::symbol);
    }

    /**
     * The stored asset class of each of {@code tickers} that exists (soft-deleted ones included: their rows still
     * belong to them), by ticker; one statement.
     */
    public java.util.Map<String, String> assetClasses(java.util.Collection<String> tickers) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (tickers.isEmpty()) {
            return out;
        }
        db.query(
                "symbols.asset-classes",
                "SELECT ticker, asset_class FROM symbols WHERE ticker = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", tickers.toArray())),
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /** The active bar series of {@code ticker}, shortest timeframe first; one statement. */
    public List<Series> series(String ticker) {
        return db.query(
                "symbols.series",
                "SELECT b.timeframe, count(*), min(b.ts), max(b.ts) FROM bars b WHERE b.symbol_id ="
                        + " (SELECT id FROM symbols WHERE ticker = ?) AND b.deleted_at IS NULL GROUP BY 1"
                        + " ORDER BY array_position(ARRAY['1m','5m','15m','30m','1h','4h','1d','1w'], b.timeframe)",
                ps -> ps.setString(1, ticker),
                rs -> new Series(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()));
    }

    private static Symbol symbol(ResultSet rs) throws SQLException {
        Timestamp tick = rs.getTimestamp(7);
        return new Symbol(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                (Double) rs.getObject(6),
                tick == null ? null : tick.toInstant());
    }

    /** {@code text} matched literally by ILIKE: its wildcards and the escape character escaped. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
