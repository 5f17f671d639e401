package io.dgas.store.ledger;

import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import java.math.BigDecimal;
import java.time.Instant;

/** An order as stored (a "trade" of the ledger); see {@link NewOrder} for the fields it was created with. */
public record StoredOrder(
        long id,
        long portfolioId,
        Long sessionId,
        String symbol,
        Side side,
        BigDecimal quantity,
        BigDecimal filledQuantity,
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
        Instant createdAt,
        Instant updatedAt)
        implements java.io.Serializable {}
