package io.dgas.app.trading;

import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A backtest to run.
 *
 * @param symbols the symbols, or {@code null} for the active universe
 * @param from first bar time included
 * @param to bars before it are included
 * @param signals the signal parameters, as the cycle's ({@code signals.*}); their expiry bounds how long a limit
 *     entry waits, as in paper sessions
 */
public record BacktestRequest(
        List<String> symbols,
        Instant from,
        Instant to,
        Timeframe htf,
        Timeframe trading,
        BigDecimal capital,
        RiskLimits limits,
        PaperRules rules,
        SignalParams signals) {
    /**
     * The limits of a backtest with {@code capital}: each given one as it is, a missing (null) position or gross limit
     * the capital, a missing daily loss limit a tenth of it; no order-rate limit (a replay places orders as fast as bars
     * come).
     */
    public static RiskLimits limits(
            BigDecimal capital, BigDecimal maxPosition, BigDecimal maxGross, BigDecimal maxDailyLoss) {
        return new RiskLimits(
                maxPosition != null ? maxPosition : capital,
                maxGross != null ? maxGross : capital,
                maxDailyLoss != null ? maxDailyLoss : capital.divide(BigDecimal.TEN),
                Integer.MAX_VALUE);
    }
}
