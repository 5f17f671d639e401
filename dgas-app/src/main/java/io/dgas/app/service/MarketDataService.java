package io.dgas.app.service;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.SymbolRepository;
import io.dgas.store.bars.SymbolRepository.Series;
import io.dgas.store.bars.SymbolRepository.Symbol;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import java.time.Instant;
import java.util.List;

/**
 * Symbols and bars, read through the {@code market_data} query cache. Keys follow the invalidation contract of
 * {@link io.dgas.store.cache.CacheInvalidation}: {@code bars:<SYMBOL>:<tf>:…} drop when that series is ingested,
 * {@code symbols:…} when any series is.
 */
public final class MarketDataService {
    private final Database db;
    private final SymbolRepository symbols;
    private final BarRepository bars;
    private final QueryCache cache;

    public MarketDataService(Database db, QueryCache cache) {
        this.db = db;
        this.symbols = new SymbolRepository(db);
        this.bars = new BarRepository(db);
        this.cache = cache;
    }

    /** A symbol and its stored series. */
    public record SymbolDetail(Symbol symbol, List<Series> series) implements java.io.Serializable {}

    /** Active symbols whose ticker or name contains {@code query} (null: all), by ticker. */
    public Page<Symbol> symbols(String query, int limit, int offset) {
        return cache.get(
                RegionSpec.MARKET_DATA,
                "symbols:list:" + limit + ":" + offset + ":" + query,
                () -> Page.of(symbols.list(query, limit + 1, offset), limit, offset));
    }

    /** One active symbol with its series; {@link UnknownSymbolException} when there is none. */
    public SymbolDetail symbol(String ticker) {
        return cache.get(RegionSpec.MARKET_DATA, "symbols:one:" + ticker, () -> {
            Symbol s = symbols.find(ticker).orElseThrow(() -> new UnknownSymbolException(ticker));
            return new SymbolDetail(s, List.copyOf(symbols.series(ticker)));
        });
    }

    /** The newest {@code n} bars, oldest first; {@link UnknownSymbolException} when the symbol does not exist. */
    public BarColumns lastBars(String symbol, Timeframe tf, int n, boolean includeDeleted) {
        return cache.get(
                RegionSpec.MARKET_DATA,
                "bars:" + symbol + ":" + tf.code() + ":last:" + n + (includeDeleted ? ":deleted" : ""),
                () -> requireKnownIfEmpty(symbol, bars.last(symbol, tf, n, includeDeleted)));
    }

    /** Bars with {@code from <= ts < to}; {@link UnknownSymbolException} when the symbol does not exist. */
    public BarColumns range(String symbol, Timeframe tf, Instant from, Instant to, boolean includeDeleted) {
        return cache.get(
                RegionSpec.MARKET_DATA,
                "bars:" + symbol + ":" + tf.code() + ":range:" + from.getEpochSecond() + ":" + to.getEpochSecond()
                        + (includeDeleted ? ":deleted" : ""),
                () -> requireKnownIfEmpty(symbol, bars.range(symbol, tf, from, to, includeDeleted)));
    }

    // an empty answer is either an empty range or a typo: only the empty case pays for the extra statement, and
    // only when it is loaded (an unknown symbol throws, so it is never cached; a known one's empty answer is)
    private BarColumns requireKnownIfEmpty(String symbol, BarColumns b) {
        if (b.size() == 0) {
            KnownSymbols.require(db, List.of(symbol));
        }
        return b;
    }
}
