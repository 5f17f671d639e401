package io.dgas.store.ingest;

import java.time.Duration;

/**
 * A load waiting for a lock another session holds.
 *
 * @param holder the session it waits for
 * @param waited how long the wait has lasted so far (as observed: at most one watch interval short)
 */
public record LockWait(LockHolder holder, Duration waited) {
    /** {@code waiting for a lock held by pid 812 (application 'dgas', …) for 12 s}. */
    public String describe() {
        return "waiting for a lock held by " + holder.describe() + " for " + LockHolder.seconds(waited.toSeconds());
    }
}
