package io.dgas.store.bars;

import io.dgas.store.Database;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The one check that the tickers a command names exist, so that every command says {@code unknown symbol 'X'} the
 * same way instead of reporting an empty result that reads like success (nothing to aggregate, 0 rows deleted) or a
 * failure about bar counts.
 */
public final class KnownSymbols {
    private KnownSymbols() {}

    /**
     * Throws {@link UnknownSymbolException} for the first of {@code tickers} (in the given order) that is not in
     * {@code symbols}. Matching is exact, as tickers are stored. Soft-deleted symbols count as known: their rows
     * still belong to them (restore needs them).
     */
    public static void require(Database db, Collection<String> tickers) {
        if (tickers.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>(db.query(
                "symbols.known",
                "SELECT ticker FROM symbols WHERE ticker = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", tickers.toArray())),
                rs -> rs.getString(1)));
        for (String t : tickers) {
            if (!known.contains(t)) {
                throw new UnknownSymbolException(t);
            }
        }
    }
}
