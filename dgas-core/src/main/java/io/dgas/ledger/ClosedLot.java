package io.dgas.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lot opened by one execution and closed, wholly or in part, by a later one (first in, first out).
 *
 * @param symbol instrument
 * @param entrySide {@link Side#BUY} for a long lot, {@link Side#SELL} for a short one
 * @param quantity closed quantity, positive
 * @param entryPrice price of the opening execution
 * @param exitPrice price of the closing execution
 * @param entryExecutionId id of the opening execution
 * @param exitExecutionId id of the closing execution
 * @param entryTime time of the opening execution
 * @param exitTime time of the closing execution
 * @param pnl (exit − entry) × quantity for a long lot, (entry − exit) × quantity for a short one; before costs
 */
public record ClosedLot(
        String symbol,
        Side entrySide,
        BigDecimal quantity,
        double entryPrice,
        double exitPrice,
        String entryExecutionId,
        String exitExecutionId,
        Instant entryTime,
        Instant exitTime,
        BigDecimal pnl) {

    static ClosedLot of(Execution entry, Execution exit, BigDecimal quantity) {
        BigDecimal move = Money.price(exit.price()).subtract(Money.price(entry.price()));
        BigDecimal pnl = Money.of(entry.side().sign(quantity).multiply(move));
        return new ClosedLot(
                entry.symbol(),
                entry.side(),
                quantity,
                entry.price(),
                exit.price(),
                entry.id(),
                exit.id(),
                entry.time(),
                exit.time(),
                pnl);
    }

    public boolean isWin() {
        return pnl.signum() > 0;
    }

    public boolean isLoss() {
        return pnl.signum() < 0;
    }
}
