package io.dgas.store.cache;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A second-level cache shared by every instance, and the channel that carries invalidations between them.
 *
 * <p>Implementations never throw: an unreachable L2 behaves as an empty one.
 */
public interface L2 {
    /** No shared level: the null object used when Redis is switched off. */
    L2 NONE = new Unshared();

    /** No shared level: nothing kept, nothing broadcast, nothing heard (open for test doubles). */
    class Unshared implements L2 {
        @Override
        public Object get(String region, String key) {
            return null;
        }

        @Override
        public <T> T put(String region, String key, T value, Duration ttl) {
            return value;
        }

        @Override
        public void invalidate(String pattern) {}

        @Override
        public void onRemoteInvalidation(Consumer<String> listener) {}
    }

    /** The shared value, or null. */
    Object get(String region, String key);

    /** Shares {@code value} (when it can be shared) and returns it. */
    <T> T put(String region, String key, T value, Duration ttl);

    /** Drops shared entries matching {@code pattern} and tells the other instances to drop theirs. */
    void invalidate(String pattern);

    /**
     * Registers the callback run when another instance invalidates {@code pattern}; also run with {@code *} when this
     * instance reconnects after an outage, during which it may have missed invalidations.
     */
    void onRemoteInvalidation(Consumer<String> listener);

    /**
     * Whether invalidations from the other instances can reach this one now. While they cannot, a local entry may
     * already be stale (another instance may have changed the data and its broadcast is lost), so the local level is
     * bypassed. Cheap: called on every read.
     */
    default boolean delivering() {
        return true;
    }

    /** The shared level's state, or null when there is none (the null object). */
    default L2Health health() {
        return null;
    }

    /** {@link #health()} once the first connection has come up or failed, waiting at most {@code max} for that. */
    default L2Health health(Duration max) {
        return health();
    }
}
