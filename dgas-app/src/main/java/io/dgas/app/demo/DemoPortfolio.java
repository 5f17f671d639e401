package io.dgas.app.demo;

import io.dgas.app.trading.PortfolioService;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.util.List;

/**
 * The demo's paper portfolio ({@code demo/paper}, 100,000 USD) with an active paper session: the prediction cycle the
 * demo runs then trades its signals (orders fill at the next bar), and the dashboard's portfolio page shows it. A
 * second demo reuses both.
 */
public final class DemoPortfolio {
    public static final String OWNER = "demo";
    public static final String NAME = "paper";
    static final BigDecimal CAPITAL = new BigDecimal("100000");
    /** 5,000 per position, at most 20 of them at the gross limit; a day may lose 5% of the capital. */
    static final RiskLimits LIMITS =
            new RiskLimits(new BigDecimal("10000"), new BigDecimal("100000"), new BigDecimal("5000"), 600);

    static final PaperRules RULES = PaperRules.fixedCash(new BigDecimal("5000"));

    /** The portfolio and session ids, and whether this call created them. */
    public record Result(long portfolioId, long sessionId, boolean created) {}

    private DemoPortfolio() {}

    /**
     * Creates the demo portfolio and starts its session unless an active one exists; a demo portfolio closed by the
     * user stays closed (session id 0).
     */
    public static Result ensure(PortfolioService portfolios) {
        List<Portfolio> mine = portfolios.list(OWNER, true, 100);
        Portfolio p =
                mine.stream().filter(x -> x.name().equals(NAME)).findFirst().orElse(null);
        boolean created = p == null;
        if (p == null) {
            p = portfolios.create(OWNER, NAME, "USD", CAPITAL);
        } else if (!p.active()) {
            return new Result(p.id(), 0, false);
        }
        List<TradingSession> active = portfolios.sessions(p.id(), false, 1);
        if (!active.isEmpty()) {
            return new Result(p.id(), active.get(0).id(), created);
        }
        return new Result(
                p.id(), portfolios.startSession(p.id(), "paper", LIMITS, RULES).id(), true);
    }
}
