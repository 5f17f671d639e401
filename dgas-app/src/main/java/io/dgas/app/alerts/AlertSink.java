package io.dgas.app.alerts;

import io.dgas.store.alerts.AlertEvent;

/** Somewhere a fired alert is delivered. Implementations may block; the dispatcher isolates them. */
public interface AlertSink {
    String name();

    /** Delivers {@code e}; throws when delivery failed for good (after the sink's own retries). */
    void deliver(AlertEvent e) throws Exception;

    /** One line describing an event, shared by the text sinks. */
    static String describe(AlertEvent e) {
        return String.format(
                java.util.Locale.ROOT,
                "alert %s [%s] %s: %s (value %.6g, threshold %.6g)",
                e.rule().name(),
                e.rule().type().code(),
                e.symbol() == null ? "-" : e.symbol(),
                e.message(),
                e.triggerValue(),
                e.thresholdValue());
    }
}
