package io.dgas.store.bars;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What market data is stored: per-series counts and ranges ({@code dgas data list}) and totals ({@code stats}). */
public final class DataCatalog {
    private final Database db;

    public DataCatalog(Database db) {
        this.db = db;
    }

    /**
     * One stored series: active bars of a symbol at a timeframe ({@code timeframe = "ticks"} for its ticks).
     *
     * @param first oldest active row's ts
     * @param last newest active row's ts
     * @param deleted soft-deleted rows of the same series
     */
    public record Series(String symbol, String timeframe, long rows, Instant first, Instant last, long deleted) {}

    /** Every series with rows, by symbol then timeframe (ticks last). */
    public List<Series> list() {
        return db.query(
                "data.list",
                "SELECT y.ticker, s.tf, s.active, s.first_ts, s.last_ts, s.deleted FROM (SELECT symbol_id,"
                        + " timeframe AS tf, count(*) FILTER (WHERE deleted_at IS NULL) AS active,"
                        + " min(ts) FILTER (WHERE deleted_at IS NULL) AS first_ts,"
                        + " max(ts) FILTER (WHERE deleted_at IS NULL) AS last_ts,"
                        + " count(*) FILTER (WHERE deleted_at IS NOT NULL) AS deleted, 0 AS kind FROM bars"
                        + " GROUP BY 1, 2 UNION ALL SELECT symbol_id, 'ticks', count(*) FILTER (WHERE deleted_at IS"
                        + " NULL), min(ts) FILTER (WHERE deleted_at IS NULL),"
                        + " max(ts) FILTER (WHERE deleted_at IS NULL),"
                        + " count(*) FILTER (WHERE deleted_at IS NOT NULL), 1 FROM ticks GROUP BY 1) s"
                        + " JOIN symbols y ON y.id = s.symbol_id"
                        + " ORDER BY y.ticker, s.kind, array_position(ARRAY['1m','5m','15m','30m','1h','4h','1d','1w'],"
                        + " s.tf)",
                SqlSession.Binder.NONE,
                rs -> new Series(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getLong(6)));
    }

    /** Totals: symbols, active and soft-deleted bars and ticks, bars per timeframe, table sizes in bytes. */
    public Map<String, Object> stats() {
        return db.withSession(s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            s.queryOne(
                    "data.stats.totals",
                    "SELECT (SELECT count(*) FROM symbols WHERE deleted_at IS NULL),"
                            + " (SELECT count(*) FROM bars WHERE deleted_at IS NULL),"
                            + " (SELECT count(*) FROM bars WHERE deleted_at IS NOT NULL),"
                            + " (SELECT count(*) FROM ticks WHERE deleted_at IS NULL),"
                            + " (SELECT count(*) FROM ticks WHERE deleted_at IS NOT NULL),"
                            + " (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
                            + " WHERE inhparent = 'bars'::regclass),"
                            + " (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
                            + " WHERE inhparent = 'ticks'::regclass)",
                    SqlSession.Binder.NONE,
                    rs -> {
                        out.put("symbols", rs.getLong(1));
                        out.put("bars", rs.getLong(2));
                        out.put("bars_deleted", rs.getLong(3));
                        out.put("ticks", rs.getLong(4));
                        out.put("ticks_deleted", rs.getLong(5));
                        out.put("bars_bytes", rs.getLong(6));
                        out.put("ticks_bytes", rs.getLong(7));
                        return null;
                    });
            Map<String, Long> perTf = new LinkedHashMap<>();
            s.query(
                    "data.stats.per-timeframe",
                    "SELECT timeframe, count(*) FROM bars WHERE deleted_at IS NULL GROUP BY 1"
                            + " ORDER BY array_position(ARRAY['1m','5m','15m','30m','1h','4h','1d','1w'], timeframe)",
                    SqlSession.Binder.NONE,
                    rs -> perTf.put(rs.getString(1), rs.getLong(2)));
            out.put("bars_per_timeframe", perTf);
            return out;
        });
    }
}
