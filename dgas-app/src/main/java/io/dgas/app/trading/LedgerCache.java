package io.dgas.app.trading;

import io.dgas.domain.Timeframe;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import java.util.function.Supplier;

/**
 * The ledger's reads in the {@code portfolio} cache region and what each write drops. Keys start with what
 * invalidates them: {@code portfolio:<id>:…} (any write to that portfolio: orders, executions, positions, sessions,
 * close), {@code portfolios:…} (the lists: any portfolio created, closed or traded), and positions marked at a
 * timeframe carry {@code :mark:<tf>:} so that an ingest of that timeframe drops them ({@code CacheInvalidation}).
 * Session lists are lists ({@code portfolios:sessions:…}); the daily performance days ({@code
 * portfolio:performance:<id>:…}) are dropped by a refresh of their view and by any write to the portfolio.
 */
public final class LedgerCache {
    private final QueryCache cache;

    public LedgerCache(QueryCache cache) {
        this.cache = cache;
    }

    <T> T portfolio(long id, String what, Supplier<T> loader) {
        return cache.get(RegionSpec.PORTFOLIO, "portfolio:" + id + ":" + what, loader);
    }

    <T> T marked(long id, Timeframe mark, String what, Supplier<T> loader) {
        return portfolio(id, "mark:" + mark.code() + ":" + what, loader);
    }

    <T> T lists(String what, Supplier<T> loader) {
        return cache.get(RegionSpec.PORTFOLIO, "portfolios:" + what, loader);
    }

    /** Days of portfolio {@code id} read from the daily performance view. */
    <T> T performance(long id, String what, Supplier<T> loader) {
        return cache.get(RegionSpec.PORTFOLIO, "portfolio:performance:" + id + ":" + what, loader);
    }

    /** After the daily performance view was refreshed: its cached reads ({@code DbRefreshViewsCommand} too). */
    public void performanceRefreshed() {
        cache.invalidate("portfolio:performance:*");
    }

    /** After a write to portfolio {@code id} (before the writer returns, so the next read sees it). */
    public void changed(long id) {
        cache.invalidate("portfolio:" + id + ":*");
        cache.invalidate("portfolio:performance:" + id + ":*");
        cache.invalidate("portfolios:*");
    }
}
