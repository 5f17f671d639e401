package io.dgas.store.cache;

import io.dgas.calc.cache.SeriesInvalidationListener;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.IngestListener;
import java.util.List;

/**
 * What a write changes, dropped from every cache that holds it: an ingested series from the query caches (its bars and
 * every latest-bar answer of its timeframe, every analysis of its symbol) and from the calculation cache; a stored
 * run's signals, run lists and analyses.
 * With a shared Redis level the invalidation reaches every instance.
 */
public final class CacheInvalidation implements IngestListener {
    private final QueryCache cache;
    private final SeriesInvalidationListener calculations;

    public CacheInvalidation(QueryCache cache, SeriesInvalidationListener calculations) {
        this.cache = cache;
        this.calculations = calculations;
    }

    @Override
    public void seriesChanged(String symbol, Timeframe tf) {
        cache.invalidate("bars:" + symbol + ":" + tf.code() + ":*");
        cache.invalidate("latest:" + tf.code() + ":*");
        cache.invalidate("symbols:*"); // an ingest may create the symbol, and changes its series
        cache.invalidate("analysis:" + symbol + ":*"); // an analysis reads the trading and the higher timeframe
        // positions marked at the latest close: of any timeframe, as a symbol without bars of the one asked for is
        // marked at its newest bar of another
        cache.invalidate("portfolio:*:mark:*");
        calculations.onSeriesChanged(symbol, tf);
    }

    /** Called after a write that may add symbols or change their last price (a ticks load). */
    public void symbolsChanged() {
        cache.invalidate("symbols:*");
    }

    /**
     * Called after the materialized views were refreshed (maintenance job, {@code dgas db refresh-views}): their
     * readers' cached days (daily bars, news sentiment, portfolio performance).
     */
    public void viewsRefreshed() {
        for (String pattern : List.of("bars:daily:*", "news:sentiment:*", "portfolio:performance:*")) {
            cache.invalidate(pattern);
        }
    }

    /** Called after a prediction run and its signals were stored. */
    public void runStored() {
        cache.invalidate("signals:*");
        cache.invalidate("runs:*");
        cache.invalidate("analysis:*"); // without a computed signal an analysis shows the newest stored one
    }
}
