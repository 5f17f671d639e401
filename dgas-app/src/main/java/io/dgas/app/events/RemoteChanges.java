package io.dgas.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.domain.Timeframe;
import io.dgas.store.cache.CacheInvalidation;
import io.dgas.store.cache.QueryCache;
import java.io.IOException;

/**
 * What an event heard from the database says this server's caches no longer hold: an ingest, a run or an alert made by
 * another process (a {@code dgas ingest} in another shell) is dropped here before the event reaches the clients, so
 * the reads they make on it are fresh. Invalidating what this process changed itself again is harmless.
 */
public final class RemoteChanges {
    private final QueryCache cache;
    private final CacheInvalidation invalidation;

    public RemoteChanges(QueryCache cache, CacheInvalidation invalidation) {
        this.cache = cache;
        this.invalidation = invalidation;
    }

    /** Drops what event {@code name} with data {@code json} changed. */
    public void apply(String name, String json) {
        switch (name) {
            case "bars" -> {
                JsonNode d;
                try {
                    d = Json.MAPPER.readTree(json);
                } catch (IOException e) {
                    return;
                }
                try {
                    invalidation.seriesChanged(
                            d.path("symbol").asText(),
                            Timeframe.parse(d.path("timeframe").asText()));
                } catch (IllegalArgumentException e) {
                    cache.invalidate("bars:*"); // a timeframe this version does not know: drop every series
                }
            }
            case "run", "signals" -> invalidation.runStored();
            case "alert" -> cache.invalidate("alerts:*");
            default -> {}
        }
    }
}
