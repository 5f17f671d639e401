package io.dgas.app.web;

import io.dgas.app.events.EventHub;
import io.javalin.http.sse.SseHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code GET /api/v1/events}: the server-sent event stream, open like the other reads (unless {@code web.auth: all}). */
final class EventRoutes {
    private static final String EVENT_STREAM = "text/event-stream";

    private EventRoutes() {}

    static List<Route> routes(EventHub hub) {
        SseHandler sse = new SseHandler(hub::subscribe);
        return List.of(Route.get(
                "/api/v1/events",
                "Server-sent events (send Accept: text/event-stream): bars, run, signals, alert, forming; a heartbeat"
                        + " comment every web.events_heartbeat seconds",
                List.of(Param.query(
                        "types",
                        Param.Type.STRING,
                        "comma-separated events to receive (default all): " + String.join(", ", EventHub.EVENTS))),
                "text/event-stream: event bars {symbol, timeframe, newest_ts, rows}; run {run_id, status,"
                        + " finished_at, signals}; signals {run_id, count, items: [{symbol, timeframe, direction,"
                        + " type, confidence, ts}] (at most 50)}; alert {rule_id, rule, symbol, message, fired_at,"
                        + " delivery}",
                (c, a) -> {
                    String types = a.get("types");
                    if (types != null) {
                        c.attribute(EventHub.CHOSEN, chosen(types));
                    }
                    String accept = c.header("Accept");
                    if (accept == null || !accept.contains(EVENT_STREAM)) {
                        // Javalin answers such a request with an empty 200, which reads as a stream that ended
                        throw new BadParameterException(
                                "Accept",
                                accept,
                                "/api/v1/events is a server-sent event stream: send 'Accept: " + EVENT_STREAM + "'"
                                        + " (an EventSource does; curl -N -H 'Accept: " + EVENT_STREAM + "' …)",
                                List.of(EVENT_STREAM));
                    }
                    sse.handle(c);
                    return Route.NO_BODY;
                }));
    }

    /** The event names of {@code types}; an unknown one is refused before the stream opens. */
    private static Set<String> chosen(String types) {
        Set<String> out = new HashSet<>();
        for (String t : types.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            if (!EventHub.EVENTS.contains(name)) {
                throw new BadParameterException("types", types, "unknown event '" + t.trim() + "'", EventHub.EVENTS);
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }
}
