package io.dgas.app.events;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent-event clients of one server: every event is sent to all of them, and a heartbeat comment every
 * {@code heartbeat} keeps idle connections (and proxies) open. All writes happen on one thread, so an event and a
 * heartbeat never interleave on a connection. A client that went away is dropped at the next write to it.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** The event names a client may choose among (every event is one of them). */
    public static final List<String> EVENTS = List.of("bars", "run", "signals", "alert", "forming", "job");
    /** The request attribute holding the event names a client chose ({@code Set<String>}; absent: all). */
    public static final String CHOSEN = "dgas.events.chosen";

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    /** The events each client chose, for the clients that chose some (the others receive every event). */
    private final Map<SseClient, Set<String>> chosen = new ConcurrentHashMap<>();

    private final ScheduledExecutorService writer;

    public EventHub(Duration heartbeat) {
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dgas-events-writer");
            t.setDaemon(true);
            return t;
        });
        long ms = heartbeat.toMillis();
        writer.scheduleAtFixedRate(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps {@code c} open and sends it every event from now on, until it or the hub closes. A client that connects
     * while the hub closes is ended at once: kept open, it would hold the server's graceful stop for its whole
     * timeout.
     */
    public void subscribe(SseClient c) {
        c.keepAlive();
        c.onClose(() -> forget(c));
        Set<String> names = c.ctx().attribute(CHOSEN);
        if (names != null) {
            chosen.put(c, names);
        }
        clients.add(c);
        // added before the writer's state is read, and close() shuts the writer down before it walks the set: one of
        // the two ends it
        if (writer.isShutdown()) {
            end(c);
            return;
        }
        try {
            writer.execute(() -> c.sendComment("connected"));
        } catch (RejectedExecutionException e) {
            end(c); // the hub closed between the check and here
        }
    }

    /** Sends event {@code name} with {@code json} as its data to every client (asynchronously, in order). */
    public void broadcast(String name, String json) {
        if (writer.isShutdown()) {
            return;
        }
        writer.execute(() -> {
            for (SseClient c : clients) {
                Set<String> names = chosen.get(c);
                if (names == null || names.contains(name)) {
                    send(c, () -> c.sendEvent(name, json));
                }
            }
        });
    }

    private void heartbeat() {
        for (SseClient c : clients) {
            send(c, () -> c.sendComment("heartbeat"));
        }
    }

    private void send(SseClient c, Runnable write) {
        try {
            if (c.terminated()) {
                forget(c);
                return;
            }
            write.run();
            if (c.terminated()) { // the write found the connection gone
                forget(c);
            }
        } catch (RuntimeException e) {
            LOG.debug("event client dropped: {}", e.toString());
            forget(c);
        }
    }

    /** The remote ports of the clients connected now (tests tell their own connections apart by them). */
    public Set<Integer> clientPorts() {
        Set<Integer> out = new java.util.HashSet<>();
        for (SseClient c : clients) {
            out.add(c.ctx().req().getRemotePort());
        }
        return out;
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** Ends every client's stream (so a graceful stop does not wait for them) and stops the heartbeat. */
    @Override
    public void close() {
        writer.shutdownNow();
        for (SseClient c : clients) {
            end(c);
        }
    }

    private void forget(SseClient c) {
        clients.remove(c);
        chosen.remove(c);
    }

    private void end(SseClient c) {
        forget(c);
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.debug("closing an event client: {}", e.toString());
        }
    }
}
