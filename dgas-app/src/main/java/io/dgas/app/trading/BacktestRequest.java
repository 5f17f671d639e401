package io.dgas.app.trading;

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
 */
public record BacktestRequest(
        List<String> symbols,
        Instant from,
        Instant to,
        Timeframe htf,
        Timeframe trading,
        BigDecimal capital,
        RiskLimits limits,
        PaperRules rules) {}
