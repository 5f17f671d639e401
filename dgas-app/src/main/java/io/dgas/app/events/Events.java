package io.dgas.app.events;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.alerts.AlertEvent;
import io.dgas.store.events.EventPublisher.Event;
import io.dgas.store.runs.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of {@code /api/v1/events} that the app publishes (the store publishes {@code bars}): their names and the
 * snake_case data of each, as README's "Events" lists them.
 */
public final class Events {
    /** Signals of one run listed in its {@code signals} event at most (its {@code count} is all of them). */
    public static final int MAX_SIGNAL_ITEMS = 50;

    private Events() {}

    /** {@code run {run_id, status, finished_at, signals}} and {@code signals {run_id, count, items}} of a stored run. */
    public static List<Event> run(RunRecord run, List<Signal> signals) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_id", run.id());
        r.put("status", run.status().code());
        // as the database keeps it (microseconds)
        r.put(
                "finished_at",
                text(
                        run.finishedAt() == null
                                ? null
                                : run.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        r.put("signals", signals.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Signal s : signals.subList(0, Math.min(signals.size(), MAX_SIGNAL_ITEMS))) {
            items.add(signal(s, run.trading()));
        }
        Map<String, Object> sig = new LinkedHashMap<>();
        sig.put("run_id", run.id());
        sig.put("count", signals.size());
        sig.put("items", items);
        return List.of(new Event("run", r), new Event("signals", sig));
    }

    private static Map<String, Object> signal(Signal s, Timeframe tf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("timeframe", tf.code());
        m.put("direction", s.type() == Signal.Type.LONG || s.type() == Signal.Type.EXIT_LONG ? "long" : "short");
        m.put("type", s.type().name().toLowerCase(java.util.Locale.ROOT));
        m.put("confidence", s.confidence());
        m.put("ts", Instant.ofEpochSecond(s.ts()).toString());
        return m;
    }

    /** {@code alert {rule_id, rule, symbol, message, fired_at, delivery}} of every fired one of {@code logged}. */
    public static List<Event> alerts(List<AlertEvent> logged) {
        List<Event> out = new ArrayList<>();
        for (AlertEvent e : logged) {
            if (!e.fired()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule_id", e.rule().id());
            m.put("rule", e.rule().name());
            m.put("symbol", e.symbol());
            m.put("message", e.message());
            m.put("fired_at", text(e.at()));
            m.put("delivery", "pending");
            out.add(new Event("alert", m));
        }
        return out;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
