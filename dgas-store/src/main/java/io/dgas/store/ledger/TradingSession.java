package io.dgas.store.ledger;

import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import java.time.Instant;

/**
 * A trading session as stored.
 *
 * @param mode {@code paper} or {@code live}
 * @param status {@code active} or {@code stopped}
 * @param maxParticipation largest fraction of a bar's volume one fill may take (0: no cap)
 */
public record TradingSession(
        long id,
        long portfolioId,
        String mode,
        String status,
        RiskLimits limits,
        PaperRules rules,
        Instant startedAt,
        Instant stoppedAt,
        double maxParticipation)
        implements java.io.Serializable {

    public boolean isActive() {
        return "active".equals(status);
    }
}
