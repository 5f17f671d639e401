package io.dgas.app.trading;

import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import java.math.BigDecimal;

/**
 * An accepted order waiting for its bar.
 *
 * @param ref the order's reference (its row id, or a backtest's sequence), which names its execution
 * @param quantity the order's whole quantity
 * @param fillAfter open time (epoch seconds) of the bar it was decided on: it fills at the first bar after it
 * @param exitStop stop to protect the position it opens, or {@code null}
 * @param exitTarget target of the position it opens, or {@code null}
 * @param type market, limit or stop
 * @param price the limit or stop price; {@code null} for a market order
 * @param filled quantity filled so far (an order partially filled keeps waiting for the rest)
 */
public record PendingOrder(
        String ref,
        String symbol,
        Side side,
        BigDecimal quantity,
        long fillAfter,
        Double exitStop,
        Double exitTarget,
        OrderType type,
        Double price,
        BigDecimal filled) {

    public PendingOrder {
        if (type != OrderType.MARKET && (price == null || !(price > 0) || price.isInfinite())) {
            throw new IllegalArgumentException("order " + ref + ": a " + type.code() + " order needs a price > 0");
        }
    }

    /** A market order with nothing filled yet. */
    public PendingOrder(
            String ref,
            String symbol,
            Side side,
            BigDecimal quantity,
            long fillAfter,
            Double exitStop,
            Double exitTarget) {
        this(ref, symbol, side, quantity, fillAfter, exitStop, exitTarget, OrderType.MARKET, null, BigDecimal.ZERO);
    }

    /**
     * The order a paper session or a backtest places for {@code d} (accepted): a limit order at its limit price when
     * the decision waits for the price (a limit entry), else a market order; it fills after the signal's bar.
     */
    public static PendingOrder of(String ref, OrderDecision d) {
        boolean limit = d.limitPrice() != null;
        return new PendingOrder(
                ref,
                d.symbol(),
                d.side(),
                d.quantity(),
                d.fillAfter(),
                d.exitStop(),
                d.exitTarget(),
                limit ? OrderType.LIMIT : OrderType.MARKET,
                limit ? d.limitPrice() : null,
                BigDecimal.ZERO);
    }

    /**
     * Whether this order, a signal's entry, has lapsed at the bar opening at {@code barTs}: it may fill in the
     * {@code expiryBars} trading bars after its signal's bar (counted in time, {@code expiryBars × barSeconds} after
     * it), and lapses (is cancelled) at any later bar, as the signal itself does (drummond.md §7). A limit entry lapses
     * when the price never came; a market entry, which fills at the next open, only when the risk limits refused (or
     * the volume cap cut) its fills until then: retried for ever, it would enter long after its signal was void. The
     * rule of paper sessions and backtests alike ({@code signals.expiry_bars}).
     */
    public boolean lapsedAt(long barTs, int expiryBars, long barSeconds) {
        return barTs > fillAfter + (long) expiryBars * barSeconds;
    }

    /** This order after a fill of {@code quantity} more (a partial fill waits for the rest at later bars). */
    public PendingOrder withFill(BigDecimal quantity) {
        return new PendingOrder(
                ref, symbol, side, this.quantity, fillAfter, exitStop, exitTarget, type, price, filled.add(quantity));
    }

    /** What is left to fill. */
    public BigDecimal remaining() {
        return quantity.subtract(filled);
    }
}
