package io.dgas.store.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A stored backtest: its request, its metrics (JSON object text) and the portfolio holding its trades and curve.
 *
 * @param settings capital, slippage, commission and sizing as a JSON object text
 * @param metrics the figures as a JSON object text
 */
public record BacktestRecord(
        long id,
        long portfolioId,
        List<String> symbols,
        Instant from,
        Instant to,
        String htf,
        String trading,
        String settings,
        String metrics,
        long barSteps,
        double durationMs,
        Instant createdAt)
        implements java.io.Serializable {}
