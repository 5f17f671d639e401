package io.dgas.app.trading;

import io.dgas.ledger.Exposure;
import io.dgas.ledger.RiskLimits;
import java.math.BigDecimal;

/**
 * Risk diagnostics of a portfolio at the latest closes.
 *
 * @param exposure gross and net exposure, largest position and its share, Herfindahl concentration by symbol
 * @param equity cash + market value
 * @param dailyPnl equity now − equity at the start of the UTC day (the last snapshot before it, else the capital)
 * @param limits the limits of the newest active session, or {@code null} without one
 * @param lossLimitBreached whether the daily loss has reached the session's limit (false without a session)
 * @param openOrders orders still new (waiting for their bar)
 * @param cash the ledger's cash (starting capital + realized P&L − costs − cost of open positions)
 */
public record RiskReport(
        long portfolioId,
        Exposure exposure,
        BigDecimal equity,
        BigDecimal dailyPnl,
        RiskLimits limits,
        boolean lossLimitBreached,
        int openOrders,
        BigDecimal cash)
        implements java.io.Serializable {}
