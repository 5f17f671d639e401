package io.dgas.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.news.NewsRepository;
import io.dgas.testkit.PostgresExtension;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trading-records schema (V70): each secondary index is used by the named query it exists for (EXPLAIN over
 * seeded, analysed tables of realistic shape), there is no index without one, and the constraints hold.
 */
class LedgerSchemaIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;

    /** The index each named query must use, with its parameters. */
    private record Use(String index, String sql, Object... params) {}

    private static final List<Use> USES = List.of(
            new Use("orders_session_created_idx", OrderReads.SESSION_ORDERS, 7L, 50),
            new Use("orders_session_created_idx", OrderReads.SESSION_ORDERS_SINCE, 7L, ts("2024-06-01")),
            new Use("orders_symbol_status_created_idx", OrderReads.ORDERS_BY_SYMBOL, "S7", "filled", 50),
            new Use("orders_portfolio_status_created_idx", OrderReads.ORDERS_BY_STATUS, 3L, "new", 50),
            new Use("orders_portfolio_created_idx", OrderReads.RECENT_ORDERS, 3L, 50),
            new Use("executions_order_idx", OrderReads.ORDER_EXECUTIONS, (Object) new Long[] {5L, 17L, 900L}),
            new Use("positions_pkey", PositionRepository.PORTFOLIO_POSITIONS, "1d", 3L),
            new Use("news_items_symbol_sentiment_idx", NewsRepository.BY_SYMBOL_SENTIMENT, "S7", 0.8, 20),
            new Use("news_items_published_idx", NewsRepository.LATEST, 20),
            new Use("portfolio_equity_pkey", EquityRepository.EQUITY_BEFORE, 3L, ts("2024-06-01")),
            new Use("portfolio_equity_pkey", EquityRepository.CURVE, 3L, ts("2024-06-01"), ts("2024-06-08")));

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.inTransaction(s -> {
            exec(s, "INSERT INTO symbols (ticker) SELECT 'S' || i FROM generate_series(1, 200) i");
            exec(
                    s,
                    "INSERT INTO portfolios (owner, name, starting_capital) SELECT 'o', 'p' || i, 100000"
                            + " FROM generate_series(1, 100) i");
            exec(
                    s,
                    "INSERT INTO trading_sessions (portfolio_id, mode, max_position_value, max_gross_exposure,"
                            + " max_loss_per_day, max_orders_per_minute, sizing_value)"
                            + " SELECT id, 'paper', 10000, 50000, 1000, 10, 1000 FROM portfolios");
            // 60,000 orders over 100 portfolios, 200 symbols, a year; a third filled with one execution each
            exec(
                    s,
                    "INSERT INTO orders (portfolio_id, session_id, symbol_id, side, quantity, filled_quantity,"
                            + " status, reject_reason, client_order_id, created_at)"
                            + " SELECT 1 + i % 100, 1 + i % 100, 1 + i % 200, CASE WHEN i % 2 = 0 THEN 'buy'"
                            + " ELSE 'sell' END, 10, CASE WHEN i % 3 = 0 THEN 10 ELSE 0 END,"
                            + " CASE i % 3 WHEN 0 THEN 'filled' WHEN 1 THEN 'new' ELSE 'rejected' END,"
                            + " CASE WHEN i % 3 = 2 THEN 'max_gross_exposure' END, 'c' || i,"
                            + " timestamptz '2024-01-01' + i * interval '9 minutes'"
                            + " FROM generate_series(1, 60000) i");
            exec(
                    s,
                    "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                            + " SELECT id, 'x' || id, 10, 100, created_at FROM orders WHERE status = 'filled'");
            exec(
                    s,
                    "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis)"
                            + " SELECT p, y, 10, 1000 FROM generate_series(1, 100) p, generate_series(1, 200) y");
            exec(
                    s,
                    "INSERT INTO news_items (symbol_id, published_at, source, url, headline, sentiment)"
                            + " SELECT 1 + i % 200, timestamptz '2024-01-01' + i * interval '1 hour', 'wire',"
                            + " 'https://n/' || i, 'h' || i, ((i * 7919) % 2001 - 1000) / 1000.0"
                            + " FROM generate_series(1, 40000) i");
            exec(
                    s,
                    "INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) SELECT p,"
                            + " timestamptz '2024-01-01' + d * interval '1 day', 1000, 1000"
                            + " FROM generate_series(1, 100) p, generate_series(0, 365) d");
            exec(s, "SELECT dgas_create_month_partition('bars', '2024-03-01T00:00:00Z')");
            exec(
                    s,
                    "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close)"
                            + " SELECT y, '1d', timestamptz '2024-03-01' + d * interval '1 day', 10, 11, 9, 10"
                            + " FROM generate_series(1, 200) y, generate_series(0, 27) d");
            return null;
        });
        db.withSession(s -> {
            exec(s, "ANALYZE");
            return null;
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void exec(SqlSession s, String sql) throws SQLException {
        try (java.sql.Statement st = s.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static java.sql.Timestamp ts(String day) {
        return java.sql.Timestamp.from(java.time.Instant.parse(day + "T00:00:00Z"));
    }

    private static String plan(Use u) {
        return String.join(
                "\n",
                db.query("test.explain", "EXPLAIN " + u.sql(), ps -> bind(ps, u.params()), rs -> rs.getString(1)));
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Long[] ids) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", ids));
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    @Test
    void eachNamedQuery_onSeededTables_usesItsIndex() {
        for (Use u : USES) {
            assertThat(plan(u)).as(u.sql()).contains(u.index());
        }
    }

    @Test
    void secondaryIndexes_ofTradingTables_eachHaveANamedQuery() {
        List<String> indexes = db.query(
                "test.ledger-indexes",
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('portfolios',"
                        + " 'trading_sessions', 'orders', 'executions', 'positions', 'news_items')"
                        + " AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'",
                SqlSession.Binder.NONE,
                rs -> rs.getString(1));

        assertThat(indexes)
                .containsExactlyInAnyOrderElementsOf(USES.stream()
                        .map(Use::index)
                        .filter(i -> !i.endsWith("_pkey"))
                        .distinct()
                        .toList());
    }

    @Test
    void moneyAndQuantityColumns_areNumericAtTheLedgerScale() {
        Map<String, String> types = db
                .query(
                        "test.ledger-types",
                        "SELECT table_name || '.' || column_name, data_type || coalesce('(' || numeric_precision"
                                + " || ',' || numeric_scale || ')', '') FROM information_schema.columns"
                                + " WHERE table_schema = 'public' AND column_name IN ('starting_capital', 'quantity',"
                                + " 'filled_quantity', 'commission', 'fees', 'cost_basis', 'realized_pnl', 'costs',"
                                + " 'price', 'max_loss_per_day')",
                        SqlSession.Binder.NONE,
                        rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(types)
                .containsEntry("portfolios.starting_capital", "numeric(20,8)")
                .containsEntry("orders.quantity", "numeric(20,8)")
                .containsEntry("orders.filled_quantity", "numeric(20,8)")
                .containsEntry("executions.quantity", "numeric(20,8)")
                .containsEntry("executions.commission", "numeric(20,8)")
                .containsEntry("executions.fees", "numeric(20,8)")
                .containsEntry("positions.cost_basis", "numeric(20,8)")
                .containsEntry("positions.realized_pnl", "numeric(20,8)")
                .containsEntry("trading_sessions.max_loss_per_day", "numeric(20,8)")
                .containsEntry("executions.price", "double precision");
    }

    @Test
    void historyRows_restrictDeletes_ownedRowsCascade() {
        assertThatThrownBy(() -> db.update("test.del-order", "DELETE FROM orders WHERE id = 3", SqlSession.Binder.NONE))
                .hasMessageContaining("executions_order_id_fkey");
        assertThatThrownBy(() ->
                        db.update("test.del-portfolio", "DELETE FROM portfolios WHERE id = 5", SqlSession.Binder.NONE))
                .hasMessageContaining("orders_portfolio_id_fkey");

        long id = db.queryOne(
                        "test.lone",
                        "INSERT INTO portfolios (owner, name, starting_capital) VALUES ('o', 'lone', 1) RETURNING id",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElseThrow();
        db.withSession(s -> {
            exec(
                    s,
                    "INSERT INTO trading_sessions (portfolio_id, mode, max_position_value, max_gross_exposure,"
                            + " max_loss_per_day, max_orders_per_minute, sizing_value) VALUES (" + id
                            + ", 'paper', 1, 1, 1, 1, 1)");
            exec(
                    s,
                    "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis) VALUES (" + id
                            + ", 1, 1, 1)");
            return null;
        });
        db.update("test.del-lone", "DELETE FROM portfolios WHERE id = ?", ps -> ps.setLong(1, id));

        assertThat(count("SELECT count(*) FROM trading_sessions WHERE portfolio_id = " + id))
                .isZero();
        assertThat(count("SELECT count(*) FROM positions WHERE portfolio_id = " + id))
                .isZero();
    }

    @Test
    void executions_sameBrokerIdTwice_secondInsertsNothing() {
        String insert = "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                + " VALUES (4, 'dup-1', 1, 100, now()) ON CONFLICT (broker_execution_id) DO NOTHING";

        assertThat(db.update("test.exec", insert, SqlSession.Binder.NONE)).isOne();
        assertThat(db.update("test.exec", insert, SqlSession.Binder.NONE)).isZero();
        assertThatThrownBy(() -> db.update(
                        "test.exec-plain",
                        "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                                + " VALUES (4, 'dup-1', 1, 100, now())",
                        SqlSession.Binder.NONE))
                .hasMessageContaining("executions_broker_execution_id_key");
    }

    @Test
    void orders_clientOrderId_uniquePerPortfolioOnly() {
        String insert = "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, client_order_id)"
                + " VALUES (?, 1, 'buy', 1, 'same')";

        db.update("test.coid", insert, ps -> ps.setLong(1, 1));
        db.update("test.coid", insert, ps -> ps.setLong(1, 2));
        assertThatThrownBy(() -> db.update("test.coid", insert, ps -> ps.setLong(1, 1)))
                .hasMessageContaining("orders_client_order_id_key");
    }

    @Test
    void checks_badRows_areRejectedByTheirConstraint() {
        assertRejected(
                "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, status, client_order_id)"
                        + " VALUES (1, 1, 'buy', 1, 'rejected', 'r1')",
                "orders_reject_check");
        assertRejected(
                "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, filled_quantity, status, client_order_id)"
                        + " VALUES (1, 1, 'buy', 1, 2, 'partially_filled', 'r2')",
                "orders_quantity_check");
        assertRejected(
                "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, order_type, client_order_id)"
                        + " VALUES (1, 1, 'buy', 1, 'limit', 'r3')",
                "orders_prices_check");
        assertRejected(
                "INSERT INTO news_items (symbol_id, published_at, source, url, headline, sentiment)"
                        + " VALUES (1, now(), 's', 'u-bad', 'h', 1.5)",
                "news_items_sentiment_check");
        assertRejected(
                "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                        + " VALUES (4, 'nan', 1, 'NaN', now())",
                "executions_price_check");
        assertRejected(
                "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis) VALUES (99, 1, 0, 5)",
                "positions_flat_check");
        assertRejected(
                "INSERT INTO portfolios (owner, name, starting_capital) VALUES ('o', 'p1', 5)",
                "portfolios_owner_name_key");
    }

    @Test
    void positions_averageCost_isDerivedFromTheCostBasis() {
        db.update(
                "test.avg",
                "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis) VALUES (1, 1, 3, 100)"
                        + " ON CONFLICT (portfolio_id, symbol_id) DO UPDATE SET quantity = 3, cost_basis = 100",
                SqlSession.Binder.NONE);

        assertThat(db.queryOne(
                                "test.avg-read",
                                "SELECT average_cost FROM positions WHERE portfolio_id = 1 AND symbol_id = 1",
                                SqlSession.Binder.NONE,
                                rs -> rs.getBigDecimal(1))
                        .orElseThrow())
                .isEqualByComparingTo("33.33333333");
    }

    private static void assertRejected(String sql, String constraint) {
        assertThatThrownBy(() -> db.update("test.bad", sql, SqlSession.Binder.NONE))
                .as(constraint)
                .hasMessageContaining(constraint);
    }

    private static long count(String sql) {
        return db.queryOne("test.count", sql, SqlSession.Binder.NONE, rs -> rs.getLong(1))
                .orElseThrow();
    }
}
