package io.dgas.store.cache;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Named query-cache regions in front of database reads. Keys are colon-separated paths such as
 * {@code bars:AAPL:1h:last:200}, so that a write can drop everything it changed by pattern ({@code bars:AAPL:1h:*}).
 *
 * <p>Contract: a cached answer is indistinguishable from a database read — writes invalidate what they change before
 * they return, so the very next read sees them. Values must be immutable.
 */
public interface QueryCache {
    /** A disabled cache: every get loads, invalidations do nothing. */
    QueryCache NONE = new QueryCache() {
        @Override
        public <T> T get(String region, String key, Supplier<T> loader) {
            return loader.get();
        }

        @Override
        public long invalidate(String pattern) {
            return 0;
        }

        @Override
        public long clear(String region) {
            return 0;
        }

        @Override
        public List<RegionStats> stats() {
            return List.of();
        }
    };

    /** The cached value of {@code key} in {@code region}, loading and caching it on a miss. */
    <T> T get(String region, String key, Supplier<T> loader);

    /**
     * Drops every entry, in every region, whose key matches {@code pattern} ({@code *} matches any run of characters);
     * returns the number dropped locally. With a shared L2 the invalidation reaches every instance.
     */
    long invalidate(String pattern);

    /** Drops every entry of {@code region} (all regions when null); returns the number dropped. */
    long clear(String region);

    List<RegionStats> stats();

    /**
     * Lets misses load through {@code routing} (from read replicas that hold every write invalidated so far); a cache
     * that keeps nothing ({@link #NONE}) reads the primary, its callers' own statements.
     */
    default void routeMisses(io.dgas.store.replica.ReadRouting routing) {}

    /** The state of the shared level behind the local regions, or null when there is none. */
    default L2Health l2Health() {
        return null;
    }

    /**
     * {@link #l2Health()} once the shared level's first connection has come up or failed, waiting at most
     * {@code max} for it (a process that has just started).
     */
    default L2Health l2Health(Duration max) {
        return l2Health();
    }
}
