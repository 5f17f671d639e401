package io.dgas.store.replica;

import io.dgas.store.Database;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a {@link Database}'s reads may go: the primary alone ({@link #NONE}, the default) or read replicas
 * ({@link ReplicaRouter}).
 *
 * <p>Contract: only work run inside {@link #reading} may be sent to a replica, and only to one that holds every write
 * announced so far with {@link #noteWrite}; anything else, and any read a replica fails to serve, runs on the primary.
 */
public interface ReadRouting extends AutoCloseable {
    /** No replicas: everything runs on the primary. */
    ReadRouting NONE = new PrimaryOnly();

    /** Routing without replicas: every read runs on the primary, nothing is checked (open for test doubles). */
    class PrimaryOnly implements ReadRouting {
        @Override
        public <T> T reading(Supplier<T> work) {
            return work.get();
        }

        @Override
        public Database replicaForRead() {
            return null;
        }

        @Override
        public boolean fallBack(Database replica, RuntimeException failure) {
            return false;
        }

        @Override
        public void noteWrite() {}

        @Override
        public List<ReplicaStatus> status() {
            return List.of();
        }

        @Override
        public List<Database> replicas() {
            return List.of();
        }

        @Override
        public void close() {}
    }

    /**
     * Runs {@code work} as a read that may be served by a replica: the sessions it opens on the database (on this
     * thread) may go to one. The work must tolerate running again on the primary if a replica fails it.
     */
    <T> T reading(Supplier<T> work);

    /** A replica to serve a session opened now on this thread, or null for the primary. */
    Database replicaForRead();

    /**
     * Called when {@code replica} failed a read with {@code failure}: true when that is the replica's fault (down,
     * shutting down, a conflict with its recovery, a write where a read was expected), so the read is to run again on
     * the primary (and a replica that could not be reached is taken out until it passes a check); false when the same
     * failure would happen on the primary, so it is the caller's.
     */
    boolean fallBack(Database replica, RuntimeException failure);

    /**
     * Announces a write (this process's, or one another instance announced): from now on a replica serves reads only
     * once it has replayed the primary's WAL as of this moment.
     */
    void noteWrite();

    /**
     * The replicas' pools, in configuration order, for work that must reach each of them whatever its state (the
     * optimizer's per-server checks); owned by the routing: callers do not close them.
     */
    List<Database> replicas();

    /** Each replica's state, in configuration order (empty: none configured). */
    List<ReplicaStatus> status();

    /**
     * {@link #status()} once every replica has been checked at least once, waiting at most {@code max} for that (a
     * process that has just started).
     */
    default List<ReplicaStatus> status(java.time.Duration max) {
        return status();
    }

    @Override
    void close();
}
