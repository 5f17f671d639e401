package io.dgas.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The pre-trade check of a session's {@link RiskLimits}. An order that only reduces a position (towards flat, not
 * through it) is always accepted: limits exist to stop risk being added, never to trap a position. Any other order
 * is refused when the session has placed its orders-per-minute or has lost its daily limit, and otherwise has its
 * quantity capped, in whole units, so that neither the symbol's position value nor the gross exposure exceeds its
 * limit at the order's price; capped to nothing, it is refused by the limit that bound it.
 */
public final class RiskCheck {
    private RiskCheck() {}

    /**
     * Outcome of a check.
     *
     * @param quantity the quantity accepted, possibly capped; zero when refused
     * @param limit the limit that refused the order, or that capped it; {@code null} when none bound
     */
    public record Decision(BigDecimal quantity, String limit) {
        public boolean accepted() {
            return quantity.signum() > 0;
        }

        static Decision refused(String limit) {
            return new Decision(Money.ZERO, limit);
        }
    }

    /** What the session has done so far today, as the check needs it. */
    public record Activity(BigDecimal equityAtDayStart, int ordersInLastMinute) {}

    /**
     * @param ledger the portfolio as it is before the order
     * @param marks latest close by symbol of every open position
     * @param quantity requested quantity, positive
     * @param price the price the order is expected to fill at
     */
    public static Decision check(
            RiskLimits limits,
            Ledger ledger,
            Map<String, Double> marks,
            String symbol,
            Side side,
            BigDecimal quantity,
            double price,
            Activity activity) {
        Position p = ledger.position(symbol);
        BigDecimal signed = side.sign(quantity);
        BigDecimal after = p.quantity().add(signed);
        boolean reducing = !p.isFlat()
                && p.quantity().signum() != signed.signum()
                && after.abs().compareTo(p.quantity().abs()) < 0
                && (after.signum() == 0 || after.signum() == p.quantity().signum());
        if (reducing) {
            return new Decision(quantity, null);
        }
        if (activity.ordersInLastMinute() >= limits.maxOrdersPerMinute()) {
            return Decision.refused(RiskLimits.RATE);
        }
        Exposure.GrossNet valuation = ledger.grossAndNet(marks);
        BigDecimal equity = ledger.cash().add(valuation.net());
        if (DailyLoss.of(activity.equityAtDayStart(), equity, limits.maxLossPerDay())
                .breached()) {
            return Decision.refused(RiskLimits.DAILY_LOSS);
        }
        BigDecimal px = Money.price(price);
        // largest |position after| the position limit allows
        BigDecimal byPosition = limits.maxPositionValue().divide(px, 0, RoundingMode.DOWN);
        // gross exposure of the other symbols, and what is left of the limit for this one
        BigDecimal current = ledger.value(p, marks).abs();
        BigDecimal others = valuation.gross().subtract(current);
        BigDecimal byGross =
                limits.maxGrossExposure().subtract(others).max(BigDecimal.ZERO).divide(px, 0, RoundingMode.DOWN);
        String limit = null;
        BigDecimal allowedAfter = after.abs();
        if (allowedAfter.compareTo(byPosition) > 0) {
            allowedAfter = byPosition;
            limit = RiskLimits.POSITION;
        }
        if (allowedAfter.compareTo(byGross) > 0) {
            allowedAfter = byGross;
            limit = RiskLimits.GROSS;
        }
        if (limit == null) {
            return new Decision(quantity, null);
        }
        // the order's quantity that brings |position| to allowedAfter on the order's side of zero
        BigDecimal target = after.signum() >= 0 ? allowedAfter : allowedAfter.negate();
        BigDecimal capped = Money.quantity(target.subtract(p.quantity()).abs());
        boolean sameSide = target.subtract(p.quantity()).signum() == signed.signum();
        if (!sameSide || capped.signum() == 0) {
            return Decision.refused(limit);
        }
        return new Decision(capped.min(quantity), limit);
    }
}
