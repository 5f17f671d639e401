package io.dgas.store.ledger;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's aggregate reads, each a fixed number of statements whatever the row count: the parent, then its
 * children, then the children's children by {@code = ANY(?)} (never a query per row).
 */
public final class LedgerReads {
    private final Database db;
    private final PortfolioRepository portfolios;
    private final OrderReads orders;
    private final PositionRepository positions = new PositionRepository();

    public LedgerReads(Database db) {
        this.db = db;
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderReads(db);
    }

    /** A portfolio with its positions marked at {@code markTimeframe}: two statements. */
    public Optional<PortfolioView> withPositions(long portfolioId, Timeframe markTimeframe) {
        return db.withSession(s -> portfolios
                .find(s, portfolioId)
                .map(p -> new PortfolioView(p, positions.of(s, portfolioId, markTimeframe), List.of())));
    }

    /** A portfolio with its latest {@code limit} trades and their executions: three statements. */
    public Optional<PortfolioView> withRecentTrades(long portfolioId, int limit) {
        return db.withSession(s -> portfolios
                .find(s, portfolioId)
                .map(p -> new PortfolioView(p, List.of(), trades(s, orders.recent(s, portfolioId, limit)))));
    }

    /**
     * A session's latest {@code limit} trades with their executions: three statements (the session, its orders, their
     * executions); empty when the session does not exist.
     */
    public Optional<List<Trade>> sessionTrades(long sessionId, int limit) {
        return db.withSession(s -> s.queryOne(
                        "ledger.session-exists",
                        "SELECT 1 FROM trading_sessions WHERE id = ?",
                        ps -> ps.setLong(1, sessionId),
                        rs -> rs.getInt(1))
                .map(x -> trades(s, orders.ofSession(s, sessionId, limit))));
    }

    /**
     * A portfolio's summary: the portfolio, its positions marked at {@code markTimeframe} and its latest {@code trades}
     * trades with their executions; three statements whatever the number of positions, orders or executions.
     */
    public Optional<PortfolioView> summary(long portfolioId, Timeframe markTimeframe, int trades) {
        return db.withSession(s -> portfolios
                .find(s, portfolioId)
                .map(p -> new PortfolioView(
                        p,
                        List.copyOf(positions.of(s, portfolioId, markTimeframe)),
                        List.copyOf(orders.recentTrades(s, portfolioId, trades)))));
    }

    /**
     * A page of a session's trades with their executions and how many orders the session has: three statements;
     * empty when the session does not exist.
     */
    public Optional<Counted<Trade>> sessionTradesPage(long sessionId, int limit, int offset) {
        return db.withSession(s -> s.queryOne(
                        "ledger.session-exists",
                        "SELECT 1 FROM trading_sessions WHERE id = ?",
                        ps -> ps.setLong(1, sessionId),
                        rs -> rs.getInt(1))
                .map(x -> {
                    Counted<StoredOrder> page = orders.sessionPage(s, sessionId, limit, offset);
                    return new Counted<>(List.copyOf(trades(s, page.items())), page.total());
                }));
    }

    /** {@code page} with the executions of its orders, fetched in one statement. */
    List<Trade> trades(SqlSession s, List<StoredOrder> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, List<StoredExecution>> byOrder = new LinkedHashMap<>();
        for (StoredOrder o : page) {
            byOrder.put(o.id(), new ArrayList<>());
        }
        for (StoredExecution e : orders.executionsOf(s, byOrder.keySet())) {
            byOrder.get(e.orderId()).add(e);
        }
        List<Trade> out = new ArrayList<>(page.size());
        for (StoredOrder o : page) {
            out.add(new Trade(o, List.copyOf(byOrder.get(o.id()))));
        }
        return out;
    }
}
