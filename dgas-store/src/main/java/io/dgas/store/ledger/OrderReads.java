package io.dgas.store.ledger;

import static io.dgas.store.ledger.OrderRows.ORDERS_FROM;

import io.dgas.ledger.Execution;
import io.dgas.ledger.OrderStatus;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads of orders and their executions (the writes: {@link OrderRepository}). Reads that take a {@link
 * SqlSession} join the caller's transaction (a paper cycle reads and writes in one). Every list query is named after
 * the index that serves it (V70 migration, LedgerSchemaIT).
 */
public final class OrderReads {
    /** orders_session_created_idx */
    static final String SESSION_ORDERS = ORDERS_FROM + " WHERE o.session_id = ? ORDER BY o.created_at DESC LIMIT ?";
    /** orders_symbol_status_created_idx */
    static final String ORDERS_BY_SYMBOL = ORDERS_FROM
            + " WHERE o.symbol_id = (SELECT id FROM symbols WHERE ticker = ?) AND o.status = ?"
            + " ORDER BY o.created_at DESC LIMIT ?";
    /** orders_portfolio_status_created_idx */
    static final String ORDERS_BY_STATUS =
            ORDERS_FROM + " WHERE o.portfolio_id = ? AND o.status = ? ORDER BY o.created_at DESC LIMIT ?";
    /** orders_portfolio_created_idx */
    static final String RECENT_ORDERS = ORDERS_FROM + " WHERE o.portfolio_id = ? ORDER BY o.created_at DESC LIMIT ?";
    /** executions_order_idx */
    static final String ORDER_EXECUTIONS = "SELECT e.id, e.order_id, e.broker_execution_id, y.ticker, o.side,"
            + " e.quantity, e.price, e.commission, e.fees, e.executed_at FROM executions e"
            + " JOIN orders o ON o.id = e.order_id JOIN symbols y ON y.id = o.symbol_id"
            + " WHERE e.order_id = ANY (?) ORDER BY e.order_id, e.executed_at, e.id";
    /** orders_session_created_idx: the orders a session placed since a time (the orders-per-minute limit) */
    static final String SESSION_ORDERS_SINCE =
            "SELECT count(*) FROM orders o WHERE o.session_id = ?" + " AND o.created_at > ? AND o.status <> 'rejected'";

    /** orders_portfolio_created_idx: a page of a portfolio's orders with their count */
    static final String ORDERS_PAGE = Counted.sql(
            "SELECT count(*) AS total FROM orders o WHERE o.portfolio_id = ?",
            ORDERS_FROM + " WHERE o.portfolio_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?",
            "p.created_at DESC, p.id DESC");
    /** orders_portfolio_status_created_idx: a page of a portfolio's orders in a status with their count */
    static final String ORDERS_BY_STATUS_PAGE = Counted.sql(
            "SELECT count(*) AS total FROM orders o WHERE o.portfolio_id = ? AND o.status = ?",
            ORDERS_FROM + " WHERE o.portfolio_id = ? AND o.status = ? ORDER BY o.created_at DESC, o.id DESC"
                    + " LIMIT ? OFFSET ?",
            "p.created_at DESC, p.id DESC");
    /** orders_session_created_idx: a page of a session's orders with their count */
    static final String SESSION_ORDERS_PAGE = Counted.sql(
            "SELECT count(*) AS total FROM orders o WHERE o.session_id = ?",
            ORDERS_FROM + " WHERE o.session_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?",
            "p.created_at DESC, p.id DESC");
    /**
     * orders_portfolio_created_idx, then executions_order_idx: a portfolio's latest orders joined to their executions,
     * one row per execution (or per order without any), newest order first.
     */
    static final String RECENT_TRADES = "SELECT o.*, e.id AS e_id, e.broker_execution_id, e.quantity AS e_quantity,"
            + " e.price AS e_price, e.commission AS e_commission, e.fees AS e_fees, e.executed_at AS e_executed_at"
            + " FROM (" + RECENT_ORDERS + ") o LEFT JOIN executions e ON e.order_id = o.id"
            + " ORDER BY o.created_at DESC, o.id DESC, e.executed_at, e.id";

    private final Database db;

    public OrderReads(Database db) {
        this.db = db;
    }

    public Optional<StoredOrder> find(long orderId) {
        return db.queryOne(
                "ledger.order", ORDERS_FROM + " WHERE o.id = ?", ps -> ps.setLong(1, orderId), OrderRows::order);
    }

    /** A symbol's orders in {@code status}, newest first. */
    public List<StoredOrder> bySymbol(String symbol, OrderStatus status, int limit) {
        return db.query(
                "ledger.orders-by-symbol",
                ORDERS_BY_SYMBOL,
                ps -> {
                    ps.setString(1, symbol);
                    ps.setString(2, status.code());
                    ps.setInt(3, limit);
                },
                OrderRows::order);
    }

    /** A portfolio's orders in {@code status}, newest first. */
    public List<StoredOrder> byStatus(SqlSession s, long portfolioId, OrderStatus status, int limit) {
        return s.query(
                "ledger.orders-by-status",
                ORDERS_BY_STATUS,
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setString(2, status.code());
                    ps.setInt(3, limit);
                },
                OrderRows::order);
    }

    public List<StoredOrder> byStatus(long portfolioId, OrderStatus status, int limit) {
        return db.withSession(s -> byStatus(s, portfolioId, status, limit));
    }

    /** A portfolio's latest orders, newest first. */
    public List<StoredOrder> recent(SqlSession s, long portfolioId, int limit) {
        return s.query(
                "ledger.recent-orders",
                RECENT_ORDERS,
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setInt(2, limit);
                },
                OrderRows::order);
    }

    /**
     * A page of a portfolio's orders, newest first, with how many it has ({@code status} null for every status): one
     * statement.
     */
    public Counted<StoredOrder> page(SqlSession s, long portfolioId, OrderStatus status, int limit, int offset) {
        if (status == null) {
            return Counted.read(
                    s,
                    "ledger.orders-page",
                    ORDERS_PAGE,
                    ps -> {
                        ps.setLong(1, portfolioId);
                        ps.setLong(2, portfolioId);
                        ps.setInt(3, limit);
                        ps.setInt(4, offset);
                    },
                    OrderRows::order);
        }
        return Counted.read(
                s,
                "ledger.orders-by-status-page",
                ORDERS_BY_STATUS_PAGE,
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setString(2, status.code());
                    ps.setLong(3, portfolioId);
                    ps.setString(4, status.code());
                    ps.setInt(5, limit);
                    ps.setInt(6, offset);
                },
                OrderRows::order);
    }

    /** A page of a session's orders, newest first, with how many it has: one statement. */
    public Counted<StoredOrder> sessionPage(SqlSession s, long sessionId, int limit, int offset) {
        return Counted.read(
                s,
                "ledger.session-orders-page",
                SESSION_ORDERS_PAGE,
                ps -> {
                    ps.setLong(1, sessionId);
                    ps.setLong(2, sessionId);
                    ps.setInt(3, limit);
                    ps.setInt(4, offset);
                },
                OrderRows::order);
    }

    /** A portfolio's latest {@code limit} orders with their executions, newest first: one statement. */
    public List<Trade> recentTrades(SqlSession s, long portfolioId, int limit) {
        Map<Long, StoredOrder> byId = new LinkedHashMap<>();
        Map<Long, List<StoredExecution>> execs = new HashMap<>();
        s.query(
                "ledger.recent-trades",
                RECENT_TRADES,
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setInt(2, limit);
                },
                rs -> {
                    StoredOrder o = byId.get(rs.getLong("id"));
                    if (o == null) {
                        o = OrderRows.order(rs);
                        byId.put(o.id(), o);
                        execs.put(o.id(), new ArrayList<>());
                    }
                    long eid = rs.getLong("e_id");
                    if (!rs.wasNull()) {
                        execs.get(o.id())
                                .add(new StoredExecution(
                                        eid,
                                        o.id(),
                                        new Execution(
                                                rs.getString("broker_execution_id"),
                                                o.symbol(),
                                                o.side(),
                                                rs.getBigDecimal("e_quantity"),
                                                rs.getDouble("e_price"),
                                                rs.getBigDecimal("e_commission"),
                                                rs.getBigDecimal("e_fees"),
                                                Cols.instant(rs, "e_executed_at"))));
                    }
                    return Boolean.TRUE;
                });
        List<Trade> out = new ArrayList<>(byId.size());
        byId.values().forEach(o -> out.add(new Trade(o, List.copyOf(execs.get(o.id())))));
        return out;
    }

    /** A session's latest orders, newest first. */
    public List<StoredOrder> ofSession(SqlSession s, long sessionId, int limit) {
        return s.query(
                "ledger.session-orders",
                SESSION_ORDERS,
                ps -> {
                    ps.setLong(1, sessionId);
                    ps.setInt(2, limit);
                },
                OrderRows::order);
    }

    /** Orders (not rejected) a session placed after {@code since}. */
    public int placedSince(SqlSession s, long sessionId, Instant since) {
        return s.queryOne(
                        "ledger.session-orders-since",
                        SESSION_ORDERS_SINCE,
                        ps -> {
                            ps.setLong(1, sessionId);
                            Cols.setInstant(ps, 2, since);
                        },
                        rs -> rs.getInt(1))
                .orElse(0);
    }

    /** The executions of {@code orderIds}, by order then time: one statement however many orders. */
    public List<StoredExecution> executionsOf(SqlSession s, Collection<Long> orderIds) {
        return s.query(
                "ledger.order-executions",
                ORDER_EXECUTIONS,
                ps -> Cols.setIds(ps, 1, orderIds),
                rs -> new StoredExecution(
                        rs.getLong("id"),
                        rs.getLong("order_id"),
                        new Execution(
                                rs.getString("broker_execution_id"),
                                rs.getString("ticker"),
                                OrderRows.side(rs.getString("side")),
                                rs.getBigDecimal("quantity"),
                                rs.getDouble("price"),
                                rs.getBigDecimal("commission"),
                                rs.getBigDecimal("fees"),
                                Cols.instant(rs, "executed_at"))));
    }
}
