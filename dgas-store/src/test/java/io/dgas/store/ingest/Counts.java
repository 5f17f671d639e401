package io.dgas.store.ingest;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;

/** Row counts of the market-data tables, to prove a failed load changed nothing. */
public record Counts(long symbols, long bars, long ticks, long deletedBars) {
    public static Counts of(Database db) {
        return db.queryOne(
                        "test.counts",
                        "SELECT (SELECT count(*) FROM symbols), (SELECT count(*) FROM bars),"
                                + " (SELECT count(*) FROM ticks),"
                                + " (SELECT count(*) FROM bars WHERE deleted_at IS NOT NULL)",
                        SqlSession.Binder.NONE,
                        rs -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .orElseThrow();
    }
}
