package io.dgas.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.events.EventPublisher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that hears every process's events: one dedicated connection (not from the pool, application name
 * {@value #APPLICATION_NAME}) that {@code LISTEN}s on {@link EventPublisher#CHANNEL} and hands each notification's
 * event name and data JSON to {@code sink}. A lost connection (database restarted, backend terminated) is opened
 * again after a short backoff, for as long as the listener runs; events sent while it was away are lost, as with any
 * {@code NOTIFY}.
 */
public final class EventListener implements AutoCloseable {
    public static final String APPLICATION_NAME = "dgas-events";
    private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);
    private static final int POLL_MS = 250;
    private static final long MAX_BACKOFF_MS = 5000;

    private final Supplier<DatabaseSettings> settings;
    private final BiConsumer<String, String> sink;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean listening;
    private volatile int connections;

    /**
     * @param settings where to connect (asked again at each reconnect; may throw while the database is unavailable)
     * @param sink gets (event name, data JSON) of each notification, on the listener's thread
     */
    public EventListener(Supplier<DatabaseSettings> settings, BiConsumer<String, String> sink) {
        this.settings = settings;
        this.sink = sink;
        this.thread = new Thread(this::run, "dgas-events-listener");
        this.thread.setDaemon(true);
    }

    /** Starts listening (on its own thread) and returns. */
    public EventListener start() {
        thread.start();
        return this;
    }

    /** Whether the listener holds a connection that is LISTENing now. */
    public boolean listening() {
        return listening;
    }

    /** How many times a LISTEN connection was opened (1 until the first reconnect). */
    public int connections() {
        return connections;
    }

    private void run() {
        long backoff = 100;
        while (stop.getCount() > 0) {
            try (Connection c = connect()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + EventPublisher.CHANNEL);
                }
                connections++;
                listening = true;
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (stop.getCount() > 0) {
                    PGNotification[] ns = pg.getNotifications(POLL_MS);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stop.getCount() == 0) {
                    LOG.debug("event listener stopped: {}", e.getMessage());
                } else if (listening) {
                    LOG.warn("event listener lost its connection ({}); reconnecting", e.getMessage());
                } else {
                    LOG.debug("event listener cannot connect: {}", e.getMessage());
                }
            } finally {
                listening = false;
            }
            try {
                if (stop.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private Connection connect() throws SQLException {
        DatabaseSettings s = settings.get();
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(s.url(), p);
    }

    private void deliver(String payload) {
        try {
            JsonNode n = Json.MAPPER.readTree(payload);
            String name = n.path("event").asText("");
            if (!name.isEmpty() && n.has("data")) {
                sink.accept(name, n.get("data").toString());
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("event not forwarded: {}", e.getMessage());
        }
    }

    /** Stops listening and closes the connection; waits briefly for the thread. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
