package io.dgas.store.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventPublisher} by {@code pg_notify}. A payload over {@link #MAX_PAYLOAD} bytes keeps as many of its
 * {@code items} as fit (and says {@code truncated: true}); one without items that does not fit is dropped with a
 * warning, since PostgreSQL would fail the whole transaction.
 */
final class PgEventPublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(PgEventPublisher.class);
    /** Plain Jackson: event data holds times as ISO-8601 text already. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SQL =
            "SELECT pg_notify(?, p) FROM unnest(?::text[]) WITH ORDINALITY AS u(p, ord)" + " ORDER BY ord";

    private final Database db;

    PgEventPublisher(Database db) {
        this.db = db;
    }

    @Override
    public void publish(SqlSession s, List<Event> events) {
        String[] payloads = payloads(events);
        if (payloads.length == 0) {
            return;
        }
        s.query("events.notify", SQL, ps -> bind(ps, payloads), rs -> null);
    }

    @Override
    public void publish(List<Event> events) {
        String[] payloads = payloads(events);
        if (payloads.length == 0) {
            return;
        }
        try {
            db.query("events.notify", SQL, ps -> bind(ps, payloads), rs -> null);
        } catch (RuntimeException e) {
            LOG.warn("could not announce {} event(s): {}", payloads.length, e.getMessage());
        }
    }

    private static void bind(java.sql.PreparedStatement ps, String[] payloads) throws SQLException {
        ps.setString(1, CHANNEL);
        ps.setArray(2, ps.getConnection().createArrayOf("text", payloads));
    }

    private static String[] payloads(List<Event> events) {
        List<String> out = new ArrayList<>(events.size());
        for (Event e : events) {
            String p = payload(e);
            if (p != null) {
                out.add(p);
            }
        }
        return out.toArray(new String[0]);
    }

    /** The JSON of {@code e} within {@link #MAX_PAYLOAD} bytes, or null when it cannot fit. */
    static String payload(Event e) {
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        String p = json(e.name(), data);
        if (bytes(p) <= MAX_PAYLOAD) {
            return p;
        }
        if (data.get("items") instanceof List<?> items) {
            for (int n = items.size() / 2; n >= 0; n = n == 0 ? -1 : n / 2) {
                data.put("items", items.subList(0, n));
                data.put("truncated", true);
                p = json(e.name(), data);
                if (bytes(p) <= MAX_PAYLOAD) {
                    return p;
                }
            }
        }
        LOG.warn("{} event dropped: its payload is over {} bytes", e.name(), MAX_PAYLOAD);
        return null;
    }

    private static String json(String name, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", name);
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render the " + name + " event", ex);
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
