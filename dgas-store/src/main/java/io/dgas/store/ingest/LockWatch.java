package io.dgas.store.ingest;

import io.dgas.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the backend of one ingest transaction from a connection of its own and tells the {@link IngestProgress}
 * while that backend waits for a lock, naming the session holding it; the last holder seen is kept for the message
 * of a lock timeout. A blocked backend cannot be asked from its own connection, hence the second one.
 *
 * <p>Design notes: the connection is opened outside the pool (a pool of one must not starve the load) and only at
 * the first poll, one interval after the start, so the many loads shorter than that never open it. Watching is best
 * effort: when the connection or a poll fails, the load goes on unwatched.
 */
final class LockWatch implements AutoCloseable {
    private final DatabaseSettings settings;
    private final long pid;
    private final String source;
    private final IngestProgress progress;
    private final ScheduledExecutorService timer;
    private Connection connection;
    private long waitingSince = -1;
    private volatile LockHolder lastHolder;

    private LockWatch(DatabaseSettings settings, long pid, String source, IngestProgress progress) {
        this.settings = settings;
        this.pid = pid;
        this.source = source;
        this.progress = progress;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgas-lock-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls backend {@code pid} every {@code every} until closed. */
    static LockWatch start(
            DatabaseSettings settings, long pid, String source, IngestProgress progress, Duration every) {
        LockWatch w = new LockWatch(settings, pid, source, progress);
        long ms = every.toMillis();
        w.timer.scheduleWithFixedDelay(w::poll, ms, ms, TimeUnit.MILLISECONDS);
        return w;
    }

    /** The last session seen holding a lock this load waited for, or null. */
    LockHolder lastHolder() {
        return lastHolder;
    }

    private void poll() {
        try {
            if (connection == null) {
                connection = open();
            }
            Optional<LockHolder> holder = LockHolder.blocking(connection, pid);
            long now = System.nanoTime();
            if (holder.isEmpty()) {
                waitingSince = -1;
                return;
            }
            if (waitingSince < 0) {
                waitingSince = now;
            }
            lastHolder = holder.get();
            progress.lockWait(source, new LockWait(holder.get(), Duration.ofNanos(now - waitingSince)));
        } catch (SQLException | RuntimeException e) {
            // best effort: stop watching, the load itself is unaffected
            timer.shutdown();
        }
    }

    private Connection open() throws SQLException {
        Properties props = settings.credentials();
        props.setProperty("ApplicationName", "dgas lock watch");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(settings.url(), props);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing to do: the watch is over
            }
        }
    }
}
