package io.dgas.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.testkit.PostgresExtension;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger's aggregate reads run a fixed number of statements at 1, 10 and 1,000 children (no N+1): counted by the
 * statement observer every named statement passes through.
 */
class LedgerStatementCountIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static Database db;
    private static LedgerReads reads;

    @BeforeAll
    static void seed() throws SQLException {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.incrementAndGet());
        reads = new LedgerReads(db);
        try (var c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO symbols (ticker) SELECT 'S' || i FROM generate_series(1, 1000) i");
            st.execute("SELECT dgas_create_month_partition('bars', '2024-03-01T00:00:00Z')");
            st.execute("INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close)"
                    + " SELECT y, '1d', timestamptz '2024-03-01' + d * interval '1 day', 10, 13, 9, 10 + d"
                    + " FROM generate_series(1, 1000) y, generate_series(0, 2) d");
            for (int n : new int[] {1, 10, 1000}) {
                // portfolio id n, session id n: n positions, n orders, 2 executions per order
                st.execute("INSERT INTO portfolios (id, owner, name, starting_capital) OVERRIDING SYSTEM VALUE"
                        + " VALUES (" + n + ", 'o', 'p" + n + "', 100000)");
                st.execute("INSERT INTO trading_sessions (id, portfolio_id, mode, max_position_value,"
                        + " max_gross_exposure, max_loss_per_day, max_orders_per_minute, sizing_value)"
                        + " OVERRIDING SYSTEM VALUE VALUES (" + n + ", " + n + ", 'paper', 1, 1, 1, 1, 1)");
                st.execute("INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis)" + " SELECT " + n
                        + ", i, 2, 20 FROM generate_series(1, " + n + ") i");
                st.execute("INSERT INTO orders (portfolio_id, session_id, symbol_id, side, quantity, filled_quantity,"
                        + " status, client_order_id, created_at) SELECT " + n + ", " + n + ", i, 'buy', 2, 2,"
                        + " 'filled', 'c' || i, timestamptz '2024-03-02' + i * interval '1 second'"
                        + " FROM generate_series(1, " + n + ") i");
                st.execute("INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                        + " SELECT o.id, 'x' || o.id || '-' || k, 1, 10, o.created_at FROM orders o,"
                        + " generate_series(1, 2) k WHERE o.portfolio_id = " + n);
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static <T> long statements(Supplier<T> read) {
        long before = STATEMENTS.get();
        read.get();
        return STATEMENTS.get() - before;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void withPositions_anyPositionCount_twoStatements(int n) {
        PortfolioView v = reads.withPositions(n, Timeframe.D1).orElseThrow();

        assertThat(v.positions()).hasSize(n);
        assertThat(v.positions().get(0).mark()).isEqualTo(12.0);
        assertThat(statements(() -> reads.withPositions(n, Timeframe.D1))).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void withRecentTrades_anyTradeCount_threeStatements(int n) {
        PortfolioView v = reads.withRecentTrades(n, 5000).orElseThrow();

        assertThat(v.trades())
                .hasSize(n)
                .allSatisfy(t -> assertThat(t.executions()).hasSize(2));
        assertThat(statements(() -> reads.withRecentTrades(n, 5000))).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void sessionTrades_anyTradeCount_threeStatements(int n) {
        var trades = reads.sessionTrades(n, 5000).orElseThrow();

        assertThat(trades).hasSize(n);
        assertThat(trades.stream().mapToInt(t -> t.executions().size()).sum()).isEqualTo(2 * n);
        assertThat(statements(() -> reads.sessionTrades(n, 5000))).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void summary_anyChildCount_threeStatements(int n) {
        PortfolioView v = reads.summary(n, Timeframe.D1, 5000).orElseThrow();

        assertThat(v.positions()).hasSize(n);
        assertThat(v.trades())
                .hasSize(n)
                .allSatisfy(t -> assertThat(t.executions())
                        .hasSize(2)
                        .allSatisfy(
                                e -> assertThat(e.orderId()).isEqualTo(t.order().id())));
        assertThat(v.trades().get(0).order().clientOrderId()).isEqualTo("c" + n);
        assertThat(statements(() -> reads.summary(n, Timeframe.D1, 5000))).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void ordersPage_anyOrderCount_oneStatementWithTheTotal(int n) {
        OrderReads orders = new OrderReads(db);
        Counted<StoredOrder> first = db.withSession(s -> orders.page(s, n, null, 7, 0));
        Counted<StoredOrder> past = db.withSession(s -> orders.page(s, n, null, 7, n + 3));
        Counted<StoredOrder> filled = db.withSession(s -> orders.page(s, n, io.dgas.ledger.OrderStatus.FILLED, 7, 1));

        assertThat(first.total()).isEqualTo(n);
        assertThat(first.items()).hasSize(Math.min(n, 7));
        assertThat(first.items().get(0).clientOrderId()).as("newest first").isEqualTo("c" + n);
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).as("a page past the end still counts").isEqualTo(n);
        assertThat(filled.items()).hasSize(Math.min(n - 1, 7));
        assertThat(statements(() -> db.withSession(s -> orders.page(s, n, null, 7, 0))))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void sessionTradesPage_anyTradeCount_threeStatementsWithTheTotal(int n) {
        Counted<Trade> page = reads.sessionTradesPage(n, 4, 2).orElseThrow();

        assertThat(page.total()).isEqualTo(n);
        assertThat(page.items()).hasSize(Math.max(0, Math.min(n - 2, 4)));
        assertThat(statements(() -> reads.sessionTradesPage(n, 4, 2)))
                .as("an empty page reads no executions")
                .isEqualTo(n > 2 ? 3 : 2);
    }
}
