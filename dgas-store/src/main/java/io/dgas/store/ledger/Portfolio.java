package io.dgas.store.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A portfolio as stored.
 *
 * @param kind {@code trading} for one that sessions trade, {@code backtest} for one a backtest owns
 * @param closedAt when it was closed; {@code null} while active
 */
public record Portfolio(
        long id,
        String owner,
        String name,
        String currency,
        BigDecimal startingCapital,
        boolean active,
        String kind,
        Instant createdAt,
        Instant closedAt)
        implements java.io.Serializable {}
