package io.dgas.store.cache;

/**
 * Counters of one region since start.
 *
 * @param region region name
 * @param size current entries
 * @param maxEntries configured bound
 * @param ttlSeconds configured time-to-live
 * @param hits lookups answered from the cache
 * @param misses lookups that loaded
 * @param evictions entries removed for size or expiry
 * @param loadMeanMs mean time of a load (the database read behind a miss)
 */
public record RegionStats(
        String region,
        long size,
        long maxEntries,
        long ttlSeconds,
        long hits,
        long misses,
        long evictions,
        double loadMeanMs) {

    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
