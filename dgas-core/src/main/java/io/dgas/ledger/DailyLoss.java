package io.dgas.ledger;

import java.math.BigDecimal;

/**
 * The day's P&L against the session's maximum loss per day. The day's P&L is equity now minus equity at the start of
 * the day (the previous close's marks), so it counts realized, unrealized and costs alike. The limit is breached when
 * the loss reaches it: at exactly the limit no further order should be accepted.
 *
 * @param pnl equity now − equity at the start of the day
 * @param limit maximum loss per day, positive
 * @param breached whether {@code −pnl ≥ limit}
 */
public record DailyLoss(BigDecimal pnl, BigDecimal limit, boolean breached) {

    /** @throws IllegalArgumentException when {@code maxLossPerDay} is not positive */
    public static DailyLoss of(BigDecimal equityAtDayStart, BigDecimal equity, BigDecimal maxLossPerDay) {
        BigDecimal limit = Money.of(maxLossPerDay);
        if (limit.signum() <= 0) {
            throw new IllegalArgumentException("max loss per day must be > 0: " + maxLossPerDay);
        }
        BigDecimal pnl = Money.of(equity.subtract(equityAtDayStart));
        return new DailyLoss(pnl, limit, pnl.negate().compareTo(limit) >= 0);
    }

    /** Loss still allowed today before the limit is reached; zero once breached. */
    public BigDecimal headroom() {
        return limit.add(pnl).max(Money.ZERO);
    }
}
