package io.dgas.store.ticks;

import io.dgas.store.Database;

/** Reads ticks; like every active read, soft-deleted ticks are excluded. */
public final class TickRepository {
    private final Database db;

    public TickRepository(Database db) {
        this.db = db;
    }

    /** Active ticks of {@code symbol}. */
    public long count(String symbol) {
        return db.queryOne(
                        "ticks.count",
                        "SELECT count(*) FROM ticks t JOIN symbols y ON y.id = t.symbol_id WHERE y.ticker = ?"
                                + " AND t.deleted_at IS NULL",
                        ps -> ps.setString(1, symbol),
                        rs -> rs.getLong(1))
                .orElse(0L);
    }

    /** The time of the newest active tick of {@code symbol}: its last trade; empty without ticks. */
    public java.util.Optional<java.time.Instant> newest(String symbol) {
        return db.queryOne(
                        "ticks.newest",
                        "SELECT max(t.ts) FROM ticks t JOIN symbols y ON y.id = t.symbol_id WHERE y.ticker = ?"
                                + " AND t.deleted_at IS NULL",
                        ps -> ps.setString(1, symbol),
                        rs -> rs.getTimestamp(1))
                .map(java.sql.Timestamp::toInstant);
    }
}
