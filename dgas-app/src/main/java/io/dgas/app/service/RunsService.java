package io.dgas.app.service;

import io.dgas.store.Database;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;

/** Prediction runs with their stage times and errors, read through the {@code dashboard} cache ({@code runs:…}). */
public final class RunsService {
    private final RunRepository runs;
    private final QueryCache cache;

    public RunsService(Database db, QueryCache cache) {
        this.runs = new RunRepository(db);
        this.cache = cache;
    }

    /** Runs newest first. */
    public Page<RunRecord> runs(int limit, int offset) {
        return cache.get(
                RegionSpec.DASHBOARD,
                "runs:page:" + limit + ":" + offset,
                () -> Page.of(runs.page(limit + 1, offset), limit, offset));
    }

    /**
     * Runs started within {@code window} before {@code now}, newest first, at least {@code minDurationMs} long (0:
     * all); read fresh, for monitoring.
     */
    public java.util.List<RunRecord> recent(java.time.Instant now, java.time.Duration window, double minDurationMs) {
        return runs.recent(now, window, minDurationMs);
    }

    /** The run {@code id}; {@link NotFoundException} when there is none. */
    public RunRecord run(long id) {
        return cache.get(
                RegionSpec.DASHBOARD,
                "runs:one:" + id,
                () -> runs.find(id)
                        .orElseThrow(() -> new NotFoundException("id", Long.toString(id), "unknown run " + id)));
    }
}
