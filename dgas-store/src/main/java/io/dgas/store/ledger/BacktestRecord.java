package io.dgas.store.ledger;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * A stored backtest: its request, its metrics (JSON object text) and the portfolio holding its trades and curve.
 * Written as JSON, the two texts are nested objects, not strings holding JSON ({@link JsonRawValue}).
 *
 * @param settings capital, slippage, commission and sizing as a JSON object text (snake_case names)
 * @param metrics the figures as a JSON object text (snake_case names)
 */
public record BacktestRecord(
        long id,
        long portfolioId,
        List<String> symbols,
        Instant from,
        Instant to,
        String htf,
        String trading,
        @JsonRawValue String settings,
        @JsonRawValue String metrics,
        long barSteps,
        double durationMs,
        Instant createdAt)
        implements java.io.Serializable {}
