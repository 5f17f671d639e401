package io.dgas.app.trading;

import io.dgas.app.service.NotFoundException;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.DailyLoss;
import io.dgas.ledger.Exposure;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.Database;
import io.dgas.store.ledger.EquityRepository;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PositionRepository;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Risk diagnostics per portfolio (issue 14): exposure, concentration, daily P&L against the loss limit, open orders. */
public final class RiskService {
    private static final int MAX_OPEN = 10_000;

    private final Database db;
    private final Clock clock;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final PositionRepository positions = new PositionRepository();
    private final EquityRepository equity = new EquityRepository();

    public RiskService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderRepository(db);
    }

    /**
     * The figures of portfolio {@code id}, its positions marked at the latest close of {@code markTimeframe} (at their
     * average price when the symbol has no bar).
     *
     * @throws NotFoundException when there is no such portfolio
     */
    public RiskReport of(long id, Timeframe markTimeframe) {
        Instant now = clock.instant();
        return db.withSession(s -> {
            Portfolio p = portfolios
                    .find(s, id)
                    .orElseThrow(() -> new NotFoundException("portfolio", "" + id, "no portfolio " + id));
            List<StoredPosition> stored = positions.of(s, id, markTimeframe);
            Map<String, Double> marks = new HashMap<>();
            for (StoredPosition sp : stored) {
                Position pos = sp.position();
                if (!pos.isFlat()) {
                    marks.put(
                            pos.symbol(),
                            sp.mark() != null
                                    ? sp.mark()
                                    : pos.averagePrice().abs().doubleValue());
                }
            }
            List<Position> open = stored.stream().map(StoredPosition::position).toList();
            Ledger ledger = Ledger.restore(p.startingCapital(), open);
            BigDecimal eq = ledger.equity(marks);
            BigDecimal dayStart =
                    equity.before(s, id, now.truncatedTo(ChronoUnit.DAYS)).orElse(p.startingCapital());
            List<TradingSession> active = portfolios.sessions(s, id, false, 1);
            RiskLimits limits = active.isEmpty() ? null : active.get(0).limits();
            boolean breached = limits != null
                    && DailyLoss.of(dayStart, eq, limits.maxLossPerDay()).breached();
            int openOrders = orders.byStatus(s, id, OrderStatus.NEW, MAX_OPEN).size()
                    + orders.byStatus(s, id, OrderStatus.PARTIALLY_FILLED, MAX_OPEN)
                            .size();
            return new RiskReport(
                    id, Exposure.of(open, marks), eq, eq.subtract(dayStart), limits, breached, openOrders);
        });
    }
}
