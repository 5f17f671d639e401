package io.dgas.app.trading;

import io.dgas.ledger.Side;
import java.math.BigDecimal;

/**
 * An accepted order waiting for its bar.
 *
 * @param ref the order's reference (its row id, or a backtest's sequence), which names its execution
 * @param fillAfter open time (epoch seconds) of the bar it was decided on: it fills at the first bar after it
 * @param exitStop stop to protect the position it opens, or {@code null}
 * @param exitTarget target of the position it opens, or {@code null}
 */
public record PendingOrder(
        String ref,
        String symbol,
        Side side,
        BigDecimal quantity,
        long fillAfter,
        Double exitStop,
        Double exitTarget) {}
