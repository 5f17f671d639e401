package io.dgas.store.collect;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.JsonColumns;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The collect stage's reads and writes: where each series stands, and the stage's figures on the run record. */
public final class CollectRepository {
    private final Database db;

    public CollectRepository(Database db) {
        this.db = db;
    }

    /**
     * Where one symbol stands: its asset class (which names it at the source) and the opening time of the newest
     * active bar of every stored series.
     */
    public record Newest(String assetClass, Map<Timeframe, Instant> bars) {}

    /**
     * Where every symbol of {@code symbols} stands ({@link Newest}), in one query. Symbols marked historical (sample
     * data that stopped trading) are left out: there is nothing to collect.
     */
    public Map<String, Newest> newestBars(Collection<String> symbols) {
        String[] frames = Arrays.stream(Timeframe.values()).map(Timeframe::code).toArray(String[]::new);
        Map<String, Newest> out = new LinkedHashMap<>();
        db.query(
                "collect.newest",
                "SELECT y.ticker, y.asset_class, t.tf, n.ts FROM symbols y CROSS JOIN unnest(?::text[]) t(tf)"
                        + " CROSS JOIN LATERAL (SELECT max(x.ts) AS ts FROM bars x WHERE x.symbol_id = y.id"
                        + " AND x.timeframe = t.tf AND x.deleted_at IS NULL) n WHERE y.ticker = ANY (?)"
                        + " AND y.historical_until IS NULL AND n.ts IS NOT NULL ORDER BY y.ticker, t.tf",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", frames));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", symbols.toArray()));
                },
                rs -> {
                    String assetClass = rs.getString(2);
                    out.computeIfAbsent(rs.getString(1), k -> new Newest(assetClass, new EnumMap<>(Timeframe.class)))
                            .bars()
                            .put(
                                    Timeframe.parse(rs.getString(3)),
                                    rs.getTimestamp(4).toInstant());
                    return null;
                });
        return out;
    }

    /** Stores the stage's figures on run {@code runId}. */
    public void save(long runId, CollectReport r) {
        db.update(
                "collect.save",
                "UPDATE prediction_runs SET collect_ms = ?, collect_rows = ?::jsonb, collect_failures = ?::jsonb"
                        + " WHERE id = ?",
                ps -> {
                    ps.setDouble(1, r.millis());
                    ps.setString(2, JsonColumns.write(r.rows()));
                    ps.setString(3, JsonColumns.write(r.failures()));
                    ps.setLong(4, runId);
                });
    }

    /** The stage's figures of run {@code runId}; empty when the run is unknown or ran no collect stage. */
    public Optional<CollectReport> find(long runId) {
        return db.queryOne(
                "collect.find",
                "SELECT collect_ms, collect_rows::text, collect_failures::text FROM prediction_runs"
                        + " WHERE id = ? AND collect_ms IS NOT NULL",
                ps -> ps.setLong(1, runId),
                rs -> new CollectReport(
                        rs.getDouble(1),
                        JsonColumns.read(rs.getString(2), new TypeReference<Map<String, Long>>() {}),
                        JsonColumns.read(rs.getString(3), new TypeReference<Map<String, String>>() {})));
    }
}
