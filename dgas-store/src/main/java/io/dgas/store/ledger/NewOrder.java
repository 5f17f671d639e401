package io.dgas.store.ledger;

import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order to insert. A rejected order is stored with the limit that refused it as {@code rejectReason}.
 *
 * @param sessionId the session that placed it, or {@code null} for a manual order
 * @param signalId the stored signal that caused it, or {@code null}
 * @param exitStop protective stop carried from the signal, or {@code null}
 * @param exitTarget target carried from the signal, or {@code null}
 * @param fillAfter the bar the order was decided on: it fills at the first bar after it; {@code null} for any bar
 */
public record NewOrder(
        Long sessionId,
        String symbol,
        Side side,
        BigDecimal quantity,
        OrderType type,
        Double limitPrice,
        Double stopPrice,
        String timeInForce,
        OrderStatus status,
        String rejectReason,
        Long signalId,
        Double confidence,
        String rationale,
        Double exitStop,
        Double exitTarget,
        String clientOrderId,
        Instant fillAfter,
        Instant createdAt) {

    /** A market day order in status new, without signal. */
    public static NewOrder market(
            Long sessionId, String symbol, Side side, BigDecimal quantity, String clientOrderId, Instant at) {
        return new NewOrder(
                sessionId,
                symbol,
                side,
                quantity,
                OrderType.MARKET,
                null,
                null,
                "day",
                OrderStatus.NEW,
                null,
                null,
                null,
                null,
                null,
                null,
                clientOrderId,
                null,
                at);
    }
}
