package io.dgas.app.stream;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.LinkedHashMap;
import java.util.Map;

/** The symbols a trade stream covers: active, live (not historical sample data), each with its asset class. */
final class StreamUniverse {
    private StreamUniverse() {}

    /** Ticker → asset class of every active live symbol, by ticker. */
    static Map<String, String> load(Database db) {
        Map<String, String> out = new LinkedHashMap<>();
        db.query(
                "stream.universe",
                "SELECT ticker, asset_class FROM symbols WHERE deleted_at IS NULL AND status = 'active'"
                        + " AND historical_until IS NULL ORDER BY ticker",
                SqlSession.Binder.NONE,
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }
}
