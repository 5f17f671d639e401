package io.dgas.app.trading;

import io.dgas.ledger.Side;
import java.math.BigDecimal;

/**
 * What the paper book decided on a signal: an order to place (accepted, or rejected by {@code limit}).
 *
 * @param quantity quantity accepted (capped by a limit when {@code limit} is set), or the one asked for when rejected
 * @param limit the limit that refused or capped the order, or {@code null}
 * @param fillAfter the signal's bar (epoch seconds): the order fills at the next one
 * @param limitPrice the limit of a limit entry (the signal's entry, better than the close), or {@code null}: market
 */
public record OrderDecision(
        String symbol,
        Side side,
        BigDecimal quantity,
        boolean accepted,
        String limit,
        long fillAfter,
        Double exitStop,
        Double exitTarget,
        double confidence,
        String rationale,
        Double limitPrice) {}
