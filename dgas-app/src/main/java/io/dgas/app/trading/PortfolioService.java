package io.dgas.app.trading;

import io.dgas.app.service.NotFoundException;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.Database;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PortfolioView;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/** Portfolios, sessions, orders and positions for the CLI and the API: one method per action, no SQL here. */
public final class PortfolioService {
    private final Clock clock;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final LedgerReads reads;

    public PortfolioService(Database db, Clock clock) {
        this.clock = clock;
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderRepository(db);
        this.reads = new LedgerReads(db);
    }

    /** @throws IllegalArgumentException when the owner already has a portfolio of that name */
    public Portfolio create(String owner, String name, String currency, BigDecimal capital) {
        return portfolios
                .create(owner, name, currency, capital, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException(owner + " already has a portfolio named " + name));
    }

    public List<Portfolio> list(String owner, boolean includeClosed, int limit) {
        return portfolios.list(owner, includeClosed, "trading", limit);
    }

    /** The portfolio with its positions (marked at {@code markTimeframe}) and its latest {@code trades} trades. */
    public PortfolioView show(long id, Timeframe markTimeframe, int trades) {
        PortfolioView withPositions = reads.withPositions(id, markTimeframe).orElseThrow(() -> notFound(id));
        PortfolioView withTrades = reads.withRecentTrades(id, trades).orElseThrow(() -> notFound(id));
        return new PortfolioView(withPositions.portfolio(), withPositions.positions(), withTrades.trades());
    }

    /** @return false when it was already closed */
    public boolean close(long id) {
        portfolios.find(id).orElseThrow(() -> notFound(id));
        return portfolios.close(id, clock.instant());
    }

    public TradingSession startSession(long portfolioId, String mode, RiskLimits limits, PaperRules rules) {
        Portfolio p = portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
        if (!p.active()) {
            throw new IllegalArgumentException("portfolio " + portfolioId + " is closed");
        }
        return portfolios.startSession(portfolioId, mode, limits, rules, clock.instant());
    }

    public boolean stopSession(long sessionId) {
        portfolios
                .session(sessionId)
                .orElseThrow(() -> new NotFoundException("session", "" + sessionId, "no session " + sessionId));
        return portfolios.stopSession(sessionId, clock.instant());
    }

    public List<TradingSession> sessions(Long portfolioId, boolean includeStopped, int limit) {
        return portfolios.sessions(portfolioId, includeStopped, limit);
    }

    /** A portfolio's orders, newest first; in {@code status} when given. */
    public List<StoredOrder> orders(long portfolioId, OrderStatus status, int limit) {
        portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
        if (status != null) {
            return orders.byStatus(portfolioId, status, limit);
        }
        return reads.withRecentTrades(portfolioId, limit).orElseThrow().trades().stream()
                .map(t -> t.order())
                .toList();
    }

    /** Cancels an open order; empty result when it is not open. */
    public java.util.Optional<StoredOrder> cancel(long orderId) {
        orders.find(orderId).orElseThrow(() -> new NotFoundException("order", "" + orderId, "no order " + orderId));
        return orders.cancel(orderId, clock.instant());
    }

    public List<StoredPosition> positions(long portfolioId, Timeframe markTimeframe) {
        return reads.withPositions(portfolioId, markTimeframe)
                .orElseThrow(() -> notFound(portfolioId))
                .positions();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("portfolio", "" + id, "no portfolio " + id);
    }
}
