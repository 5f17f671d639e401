package io.dgas.app.service;

import io.dgas.store.Database;
import io.dgas.store.cache.CacheInvalidation;
import io.dgas.store.optimizer.MaterializedViews;
import java.util.List;

/**
 * The registered materialized views (daily portfolio performance, daily news sentiment) refreshed on demand, as the
 * maintenance job refreshes them: {@code dgas db refresh-views} and {@code POST /api/v1/database/refresh-views}.
 */
public final class ViewsService {
    private final Database db;
    private final CacheInvalidation invalidation;

    public ViewsService(Database db, CacheInvalidation invalidation) {
        this.db = db;
        this.invalidation = invalidation;
    }

    /** Refreshes every view (CONCURRENTLY when populated), then drops what their readers cached from them. */
    public List<MaterializedViews.Refreshed> refreshAll() {
        List<MaterializedViews.Refreshed> done = new MaterializedViews(db).refreshAll();
        invalidation.viewsRefreshed();
        return done;
    }
}
