package io.dgas.store.ingest;

import java.time.Duration;

/**
 * Told the number of rows read so far, every {@link #EVERY} rows and once at the end of reading; also told about lock
 * waits and retries, which the user should see rather than wonder at a stalled load.
 */
@FunctionalInterface
public interface IngestProgress {
    IngestProgress NONE = (source, rows) -> {};

    int EVERY = 100_000;

    void rowsRead(String source, long rows);

    /** Told from another thread, about once a second, while the load waits for a lock another session holds. */
    default void lockWait(String source, LockWait wait) {}

    /**
     * Told before a load that failed on a deadlock (or serialization failure) with a concurrent writer runs again
     * from the start, its transaction rolled back; {@code attempt} of {@code attempts} is the one about to run.
     */
    default void retrying(String source, String reason, int attempt, int attempts, Duration delay) {}
}
