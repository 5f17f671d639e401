package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import io.dgas.store.bars.AssetClasses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ticker look-ups for ingest: the known set, loaded once per load, and creation of new tickers. */
final class Symbols {
    private Symbols() {}

    /** Every ticker → id (soft-deleted symbols included: their rows still belong to them). */
    static Map<String, Long> load(SqlSession s) {
        Map<String, Long> map = new HashMap<>();
        s.query("ingest.symbols", "SELECT ticker, id FROM symbols", SqlSession.Binder.NONE, rs -> {
            map.put(rs.getString(1), rs.getLong(2));
            return null;
        });
        return map;
    }

    /**
     * Creates the tickers that do not exist yet with asset class {@code assetClass} (null: the column's default);
     * concurrent creators are tolerated, and existing symbols keep their class.
     */
    static void create(SqlSession s, List<String> tickers, String assetClass) {
        if (tickers.isEmpty()) {
            return;
        }
        s.update(
                "ingest.create-symbols",
                // sorted: concurrent creators of overlapping tickers take the key locks in one order
                "INSERT INTO symbols (ticker, asset_class) SELECT t, ? FROM unnest(?::text[]) AS t"
                        + " ORDER BY t ON CONFLICT (ticker) DO NOTHING",
                ps -> {
                    ps.setString(1, assetClass == null ? AssetClasses.DEFAULT : assetClass);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", tickers.toArray()));
                });
    }

    /** The id of {@code ticker}, creating it when {@code create}; null when unknown and not created. */
    static Long resolve(SqlSession s, String ticker, boolean create, String assetClass) {
        if (create) {
            create(s, List.of(ticker), assetClass);
        }
        return s.queryOne(
                        "ingest.symbol-id",
                        "SELECT id FROM symbols WHERE ticker = ?",
                        ps -> ps.setString(1, ticker),
                        rs -> rs.getLong(1))
                .orElse(null);
    }
}
