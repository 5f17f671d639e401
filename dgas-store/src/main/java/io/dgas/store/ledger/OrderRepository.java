package io.dgas.store.ledger;

import static io.dgas.store.ledger.OrderRows.ORDER_COLS;
import static io.dgas.store.ledger.OrderRows.code;

import io.dgas.ledger.Execution;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.UnknownSymbolException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The writes of orders and their executions: placing an order, applying a fill, storing a backtest's fills,
 * cancelling (the reads: {@link OrderReads}). Writes take a {@link SqlSession} so that a paper cycle records
 * everything in one transaction.
 */
public final class OrderRepository {
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
                OrderRows::order);
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
                OrderRows::order);
    }

    public Optional<StoredOrder> cancel(long orderId, Instant at) {
        return db.withSession(s -> cancel(s, orderId, at));
    }
}
