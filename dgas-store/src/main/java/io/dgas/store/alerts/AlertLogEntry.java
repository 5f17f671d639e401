package io.dgas.store.alerts;

import java.io.Serializable;
import java.time.Instant;

/**
 * One row of the alert log as read back: an evaluation that fired or was suppressed and how its delivery went.
 *
 * @param ruleId the rule evaluated
 * @param rule its name
 * @param symbol the symbol it fired on, or null
 * @param firedStatus {@code fired}, {@code suppressed} (cooldown) or {@code error}
 * @param deliveryStatus {@code pending}, {@code sent}, {@code failed} or {@code skipped} (not fired)
 * @param deliveredAt when delivery finished, or null
 * @param deliveryMs how long delivery took, or null
 */
public record AlertLogEntry(
        long id,
        Instant ts,
        long ruleId,
        String rule,
        String symbol,
        Double triggerValue,
        Double thresholdValue,
        String firedStatus,
        String deliveryStatus,
        Instant deliveredAt,
        Double deliveryMs,
        String message)
        implements Serializable {}
