package io.dgas.store.alerts;

import java.time.Instant;

/**
 * One evaluation that fired or was suppressed, as logged in {@code alert_logs}.
 *
 * @param id log id (0 before it is stored)
 * @param fired true: delivered to the sinks; false: suppressed by the cooldown
 */
public record AlertEvent(
        long id,
        AlertRule rule,
        String symbol,
        Instant at,
        double triggerValue,
        double thresholdValue,
        boolean fired,
        double evaluationMs,
        String message) {

    public AlertEvent withId(long newId) {
        return new AlertEvent(newId, rule, symbol, at, triggerValue, thresholdValue, fired, evaluationMs, message);
    }
}
