package io.dgas.app.trading;

import java.math.BigDecimal;

/**
 * What one paper cycle did in one session.
 *
 * @param fills pending orders filled at the newest bar
 * @param exits positions closed by their stop or target
 * @param placed orders accepted from signals (they fill at the next bar)
 * @param rejected orders refused by a limit (stored as rejected)
 * @param equity equity after the cycle at the latest closes
 * @param events fills and limit breaches, for the {@code fill} and {@code limit_breach} alert rules
 */
public record SessionReport(
        long sessionId,
        long portfolioId,
        int fills,
        int exits,
        int placed,
        int rejected,
        BigDecimal equity,
        java.util.List<io.dgas.app.alerts.TradingEvent> events)
        implements io.dgas.app.cycle.PaperActivity {}
