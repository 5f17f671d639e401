package io.dgas.store.ledger;

import io.dgas.ledger.Execution;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.UnknownSymbolException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Orders and their executions. Writes take a {@link SqlSession} so that a paper cycle records everything in one
 * transaction. Every list query is named after the index that serves it (V70 migration, LedgerSchemaIT).
 */
public final class OrderRepository {
    static final String ORDER_COLS = "o.id, o.portfolio_id, o.session_id, y.ticker, o.side, o.quantity,"
            + " o.filled_quantity, o.order_type, o.limit_price, o.stop_price, o.time_in_force, o.status,"
            + " o.reject_reason, o.signal_id, o.confidence, o.rationale, o.exit_stop, o.exit_target,"
            + " o.client_order_id, o.fill_after, o.created_at, o.updated_at";
    static final String ORDERS_FROM = "SELECT " + ORDER_COLS + " FROM orders o JOIN symbols y ON y.id = o.symbol_id";

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

    public OrderRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts an order of {@code portfolioId}; empty when the portfolio already has an order with its client order
     * id (a resubmission changes nothing).
     *
     * @throws UnknownSymbolException when the symbol is not an active one
     */
    public Optional<StoredOrder> insert(SqlSession s, long portfolioId, NewOrder o) {
        Optional<Long> symbolId = s.queryOne(
                "ledger.symbol-id",
                "SELECT id FROM symbols WHERE ticker = ? AND deleted_at IS NULL",
                ps -> ps.setString(1, o.symbol()),
                rs -> rs.getLong(1));
        if (symbolId.isEmpty()) {
            throw new UnknownSymbolException(o.symbol());
        }
        return s.queryOne(
                "ledger.order-insert",
                "WITH o AS (INSERT INTO orders (portfolio_id, session_id, symbol_id, side, quantity, order_type,"
                        + " limit_price, stop_price, time_in_force, status, reject_reason, signal_id, confidence,"
                        + " rationale, exit_stop, exit_target, client_order_id, fill_after, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (portfolio_id, client_order_id) DO NOTHING RETURNING *) SELECT " + ORDER_COLS
                        + " FROM o JOIN symbols y ON y.id = o.symbol_id",
                ps -> {
                    ps.setLong(1, portfolioId);
                    Cols.setLong(ps, 2, o.sessionId());
                    ps.setLong(3, symbolId.get());
                    ps.setString(4, code(o.side()));
                    ps.setBigDecimal(5, o.quantity());
                    ps.setString(6, o.type().code());
                    Cols.setDouble(ps, 7, o.limitPrice());
                    Cols.setDouble(ps, 8, o.stopPrice());
                    ps.setString(9, o.timeInForce());
                    ps.setString(10, o.status().code());
                    ps.setString(11, o.rejectReason());
                    Cols.setLong(ps, 12, o.signalId());
                    Cols.setDouble(ps, 13, o.confidence());
                    ps.setString(14, o.rationale());
                    Cols.setDouble(ps, 15, o.exitStop());
                    Cols.setDouble(ps, 16, o.exitTarget());
                    ps.setString(17, o.clientOrderId());
                    Cols.setInstant(ps, 18, o.fillAfter());
                    Cols.setInstant(ps, 19, o.createdAt());
                    Cols.setInstant(ps, 20, o.createdAt());
                },
                OrderRepository::order);
    }

    /**
     * Records {@code e} as an execution of {@code orderId} and adds it to the order's filled quantity (status
     * partially_filled or filled), in one statement. Returns false, changing nothing, when its broker execution id
     * was recorded before: applying an execution twice is a no-op.
     */
    public boolean applyExecution(SqlSession s, long orderId, Execution e) {
        return s.update(
                        "ledger.execution-apply",
                        "WITH e AS (INSERT INTO executions (order_id, broker_execution_id, quantity, price, commission,"
                                + " fees, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (broker_execution_id) DO NOTHING RETURNING order_id, quantity)"
                                + " UPDATE orders o SET filled_quantity = o.filled_quantity + e.quantity,"
                                + " status = CASE WHEN o.filled_quantity + e.quantity = o.quantity THEN 'filled'"
                                + " ELSE 'partially_filled' END, updated_at = ? FROM e WHERE o.id = e.order_id",
                        ps -> {
                            ps.setLong(1, orderId);
                            ps.setString(2, e.id());
                            ps.setBigDecimal(3, e.quantity());
                            ps.setDouble(4, e.price());
                            ps.setBigDecimal(5, e.commission());
                            ps.setBigDecimal(6, e.fees());
                            Cols.setInstant(ps, 7, e.time());
                            Cols.setInstant(ps, 8, e.time());
                        })
                == 1;
    }

    /** Fills sent per statement by {@link #insertFilled}. */
    static final int FILL_BATCH = 5_000;

    /**
     * Stores each of {@code fills} as a filled market order of {@code portfolioId} with its one execution, both
     * named {@code prefix + execution id} (client order id and broker execution id, which are unique), in one
     * statement per {@value #FILL_BATCH} fills (arrays unnested server-side) instead of two per fill: a backtest
     * stores all its fills at once. A fill whose client order id the portfolio already has is skipped.
     *
     * @return executions inserted
     */
    public int insertFilled(SqlSession s, long portfolioId, String prefix, List<Execution> fills) {
        int n = 0;
        for (int from = 0; from < fills.size(); from += FILL_BATCH) {
            List<Execution> part = fills.subList(from, Math.min(fills.size(), from + FILL_BATCH));
            n += s.update("ledger.fills-insert", FILLS_INSERT, ps -> {
                var c = ps.getConnection();
                int k = part.size();
                Object[] ids = new Object[k];
                Object[] tickers = new Object[k];
                Object[] sides = new Object[k];
                Object[] qty = new Object[k];
                Object[] price = new Object[k];
                Object[] commission = new Object[k];
                Object[] fees = new Object[k];
                Object[] at = new Object[k];
                for (int i = 0; i < k; i++) {
                    Execution e = part.get(i);
                    ids[i] = prefix + e.id();
                    tickers[i] = e.symbol();
                    sides[i] = code(e.side());
                    qty[i] = e.quantity();
                    price[i] = e.price();
                    commission[i] = e.commission();
                    fees[i] = e.fees();
                    at[i] = java.sql.Timestamp.from(e.time());
                }
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("text", tickers));
                ps.setArray(3, c.createArrayOf("text", sides));
                ps.setArray(4, c.createArrayOf("numeric", qty));
                ps.setArray(5, c.createArrayOf("float8", price));
                ps.setArray(6, c.createArrayOf("numeric", commission));
                ps.setArray(7, c.createArrayOf("numeric", fees));
                ps.setArray(8, c.createArrayOf("timestamptz", at));
                ps.setLong(9, portfolioId);
            });
        }
        return n;
    }

    /** The fills of one batch: their orders (filled), then their executions joined back by client order id. */
    static final String FILLS_INSERT = "WITH f AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[],"
            + " ?::numeric[], ?::float8[], ?::numeric[], ?::numeric[], ?::timestamptz[])"
            + " AS f(ref, ticker, side, quantity, price, commission, fees, at)),"
            + " o AS (INSERT INTO orders (portfolio_id, symbol_id, side, quantity, filled_quantity, order_type,"
            + " time_in_force, status, client_order_id, created_at, updated_at)"
            + " SELECT ?, y.id, f.side, f.quantity, f.quantity, 'market', 'day', 'filled', f.ref, f.at, f.at"
            + " FROM f JOIN symbols y ON y.ticker = f.ticker AND y.deleted_at IS NULL"
            + " ON CONFLICT (portfolio_id, client_order_id) DO NOTHING RETURNING id, client_order_id)"
            + " INSERT INTO executions (order_id, broker_execution_id, quantity, price, commission, fees, executed_at)"
            + " SELECT o.id, f.ref, f.quantity, f.price, f.commission, f.fees, f.at FROM o"
            + " JOIN f ON f.ref = o.client_order_id";

    /** Cancels an open order; empty when it does not exist or is no longer open. */
    public Optional<StoredOrder> cancel(SqlSession s, long orderId, Instant at) {
        return s.queryOne(
                "ledger.order-cancel",
                "WITH o AS (UPDATE orders SET status = 'cancelled', updated_at = ? WHERE id = ?"
                        + " AND status IN ('new', 'partially_filled') RETURNING *) SELECT " + ORDER_COLS
                        + " FROM o JOIN symbols y ON y.id = o.symbol_id",
                ps -> {
                    Cols.setInstant(ps, 1, at);
                    ps.setLong(2, orderId);
                },
                OrderRepository::order);
    }

    public Optional<StoredOrder> cancel(long orderId, Instant at) {
        return db.withSession(s -> cancel(s, orderId, at));
    }

    public Optional<StoredOrder> find(long orderId) {
        return db.queryOne(
                "ledger.order", ORDERS_FROM + " WHERE o.id = ?", ps -> ps.setLong(1, orderId), OrderRepository::order);
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
                OrderRepository::order);
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
                OrderRepository::order);
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
                OrderRepository::order);
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
                    OrderRepository::order);
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
                OrderRepository::order);
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
                OrderRepository::order);
    }

    /** A portfolio's latest {@code limit} orders with their executions, newest first: one statement. */
    public List<Trade> recentTrades(SqlSession s, long portfolioId, int limit) {
        java.util.Map<Long, StoredOrder> byId = new java.util.LinkedHashMap<>();
        java.util.Map<Long, List<StoredExecution>> execs = new java.util.HashMap<>();
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
                        o = order(rs);
                        byId.put(o.id(), o);
                        execs.put(o.id(), new java.util.ArrayList<>());
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
        List<Trade> out = new java.util.ArrayList<>(byId.size());
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
                OrderRepository::order);
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
                                side(rs.getString("side")),
                                rs.getBigDecimal("quantity"),
                                rs.getDouble("price"),
                                rs.getBigDecimal("commission"),
                                rs.getBigDecimal("fees"),
                                Cols.instant(rs, "executed_at"))));
    }

    static StoredOrder order(ResultSet rs) throws SQLException {
        return new StoredOrder(
                rs.getLong("id"),
                rs.getLong("portfolio_id"),
                Cols.longOrNull(rs, "session_id"),
                rs.getString("ticker"),
                side(rs.getString("side")),
                rs.getBigDecimal("quantity"),
                rs.getBigDecimal("filled_quantity"),
                OrderType.of(rs.getString("order_type")),
                Cols.doubleOrNull(rs, "limit_price"),
                Cols.doubleOrNull(rs, "stop_price"),
                rs.getString("time_in_force"),
                OrderStatus.of(rs.getString("status")),
                rs.getString("reject_reason"),
                Cols.longOrNull(rs, "signal_id"),
                Cols.doubleOrNull(rs, "confidence"),
                rs.getString("rationale"),
                Cols.doubleOrNull(rs, "exit_stop"),
                Cols.doubleOrNull(rs, "exit_target"),
                rs.getString("client_order_id"),
                Cols.instantOrNull(rs, "fill_after"),
                Cols.instant(rs, "created_at"),
                Cols.instant(rs, "updated_at"));
    }

    static String code(Side side) {
        return side.name().toLowerCase(Locale.ROOT);
    }

    static Side side(String code) {
        return Side.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
