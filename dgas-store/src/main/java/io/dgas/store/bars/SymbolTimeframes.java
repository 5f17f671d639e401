package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which timeframes each symbol has active bars at, and when a symbol of historical sample data stopped trading
 * ({@code symbols.historical_until}). The cycle asks only about the symbols that need it (no bars at the requested
 * timeframe, or stale), so a healthy live universe costs no query.
 */
public final class SymbolTimeframes {
    /**
     * One symbol's stored series.
     *
     * @param timeframes timeframes with at least one active bar, finest first
     * @param historicalUntil when its (historical sample) data stopped trading, or null for a live symbol
     */
    public record Info(List<Timeframe> timeframes, Instant historicalUntil) {}

    private final Database db;

    public SymbolTimeframes(Database db) {
        this.db = db;
    }

    /** The known symbols among {@code symbols}, in one query. */
    public Map<String, Info> of(Collection<String> symbols) {
        String[] frames = Arrays.stream(Timeframe.values()).map(Timeframe::code).toArray(String[]::new);
        Map<String, Info> out = new LinkedHashMap<>();
        db.query(
                "bars.symbol-timeframes",
                "SELECT y.ticker, y.historical_until, ARRAY(SELECT t.tf FROM unnest(?::text[]) WITH ORDINALITY"
                        + " t(tf, n) WHERE EXISTS (SELECT 1 FROM bars x WHERE x.symbol_id = y.id AND x.timeframe"
                        + " = t.tf AND x.deleted_at IS NULL) ORDER BY t.n) FROM symbols y WHERE y.ticker = ANY (?)",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", frames));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", symbols.toArray()));
                },
                rs -> {
                    List<Timeframe> tfs = new ArrayList<>();
                    for (Object code : (Object[]) rs.getArray(3).getArray()) {
                        tfs.add(Timeframe.parse((String) code));
                    }
                    Timestamp until = rs.getTimestamp(2);
                    out.put(rs.getString(1), new Info(List.copyOf(tfs), until == null ? null : until.toInstant()));
                    return null;
                });
        return out;
    }

    /**
     * Marks {@code ticker} as historical sample data that stopped trading at {@code until}: its staleness is judged
     * against that time, and the collect stage leaves it alone.
     */
    public void markHistorical(String ticker, Instant until) {
        db.update(
                "bars.mark-historical",
                "UPDATE symbols SET historical_until = ? WHERE ticker = ? AND historical_until IS DISTINCT FROM ?",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(until));
                    ps.setString(2, ticker);
                    ps.setTimestamp(3, Timestamp.from(until));
                });
    }
}
