package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.SymbolTimeframes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timeframes a symbol is analysed (and so shown) at: the cycle's configured trading and higher timeframes, plus,
 * for a symbol whose data has no bars at the trading timeframe, its own pair as the cycle plans it ({@link
 * OwnTimeframes}: AAPL with daily bars only, 1d with 1w). What the catalog says of a symbol is cached until {@link
 * #forget(String) forgotten}.
 */
public final class ShownTimeframes {
    private final Timeframe trading;
    private final Timeframe htf;
    private final SymbolTimeframes catalog;
    private final Map<String, Set<Timeframe>> known = new ConcurrentHashMap<>();

    public ShownTimeframes(Timeframe trading, Timeframe htf, SymbolTimeframes catalog) {
        this.trading = trading;
        this.htf = htf;
        this.catalog = catalog;
    }

    /** The timeframes of each of {@code symbols}: one catalog query for the symbols not known yet, none otherwise. */
    public Map<String, Set<Timeframe>> of(Collection<String> symbols) {
        List<String> unknown = new ArrayList<>();
        for (String s : symbols) {
            if (!known.containsKey(s)) {
                unknown.add(s);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, SymbolTimeframes.Info> infos = catalog.of(unknown);
            for (String s : unknown) {
                SymbolTimeframes.Info info = infos.get(s);
                known.put(s, shown(info == null ? List.of() : info.timeframes(), trading, htf));
            }
        }
        Map<String, Set<Timeframe>> out = new LinkedHashMap<>();
        for (String s : symbols) {
            out.put(s, known.get(s));
        }
        return out;
    }

    /**
     * Forgets what is known of {@code symbol} when its series at {@code tf} changed in a way that may change its own
     * pair (bars at the trading timeframe of a symbol that had none); {@code tf} null: always.
     */
    public void forget(String symbol, Timeframe tf) {
        Set<Timeframe> s = known.get(symbol);
        if (tf == null || (s != null && tf == trading && s.size() > 2)) {
            known.remove(symbol);
        }
    }

    /** The cycle's pair, and the symbol's own pair when {@code stored} lacks the trading timeframe. */
    static Set<Timeframe> shown(List<Timeframe> stored, Timeframe trading, Timeframe htf) {
        Set<Timeframe> out = EnumSet.of(trading, htf);
        if (!stored.contains(trading)) {
            Timeframe own = OwnTimeframes.nearest(stored, trading);
            if (own != null) {
                out.add(own);
                out.add(own.defaultHigher().orElseThrow());
            }
        }
        return out;
    }
}
