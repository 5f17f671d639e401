package io.dgas.store.ledger;

import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** How an order row is selected and read, shared by {@link OrderRepository}'s writes and {@link OrderReads}. */
final class OrderRows {
    static final String ORDER_COLS = "o.id, o.portfolio_id, o.session_id, y.ticker, o.side, o.quantity,"
            + " o.filled_quantity, o.order_type, o.limit_price, o.stop_price, o.time_in_force, o.status,"
            + " o.reject_reason, o.signal_id, o.confidence, o.rationale, o.exit_stop, o.exit_target,"
            + " o.client_order_id, o.fill_after, o.created_at, o.updated_at";
    static final String ORDERS_FROM = "SELECT " + ORDER_COLS + " FROM orders o JOIN symbols y ON y.id = o.symbol_id";

    private OrderRows() {}

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
