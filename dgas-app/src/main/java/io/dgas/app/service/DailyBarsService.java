package io.dgas.app.service;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.views.DailyViews;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Daily OHLCV rollups of a symbol's stored bars, read from the {@code daily_bar_rollups} materialized view (as fresh
 * as its last refresh) through the {@code market_data} cache region.
 */
public final class DailyBarsService {
    private final Database db;
    private final DailyViews views;
    private final QueryCache cache;

    public DailyBarsService(Database db, QueryCache cache) {
        this.db = db;
        this.views = new DailyViews(db);
        this.cache = cache;
    }

    /** One rolled-up day. */
    public record Day(LocalDate day, double open, double high, double low, double close, double volume, long bars)
            implements Serializable {}

    /** A symbol's rollups of source timeframe {@code tf} over [from, to], oldest first. */
    public List<Day> days(String symbol, Timeframe tf, LocalDate from, LocalDate to) {
        KnownSymbols.require(db, List.of(symbol));
        return cache.get(
                RegionSpec.MARKET_DATA,
                "bars:daily:" + symbol + ":" + tf.code() + ":" + from + ":" + to,
                () -> List.copyOf(views.bars(symbol, tf.code(), from, to).stream()
                        .map(d -> new Day(d.day(), d.open(), d.high(), d.low(), d.close(), d.volume(), d.bars()))
                        .toList()));
    }
}
