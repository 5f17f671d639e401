package io.dgas.app.bench;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.PortfolioView;
import io.dgas.store.migrate.Migrator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code dgas benchmark ledger}: the portfolio summary read (the portfolio, its positions marked at the latest close,
 * its latest trades with their executions) of a portfolio with many positions and executions, on a fresh database
 * created beside the server's and dropped afterwards. Reports the statements per read (goal ≤ 3) and the read's
 * p50/p95 over repeated uncached reads (issue 14: 1,000 positions and 100,000 executions), next to the two reads it
 * replaced measured interleaved in the same run.
 */
public final class LedgerBenchmark {
    /** The statement goal for the summary read. */
    public static final int GOAL_STATEMENTS = 3;

    private final Database main;
    private final Consumer<String> info;

    public LedgerBenchmark(Database main, Consumer<String> info) {
        this.main = main;
        this.info = info;
    }

    /**
     * Figures for a portfolio of {@code positions} positions and {@code executions} executions (two per order), its
     * summary read {@code reads} times after a warm-up, showing the latest {@code trades} trades.
     */
    public Map<String, Object> run(int positions, int executions, int trades, int reads) {
        return CycleBenchmark.perFreshDatabase(
                        main, "dgas_lbench_", List.of(positions), (db, n) -> measure(db, n, executions, trades, reads))
                .get(0);
    }

    private Map<String, Object> measure(Database plain, int positions, int executions, int trades, int reads) {
        new Migrator(plain).migrate();
        info.accept("seeding a portfolio of " + positions + " positions and " + executions + " executions ...");
        seed(plain, positions, executions);
        AtomicLong statements = new AtomicLong();
        DatabaseSettings s = plain.settings();
        try (Database db = Database.open(s, (name, nanos, rows, failed) -> statements.incrementAndGet())) {
            LedgerReads ledger = new LedgerReads(db);
            for (int i = 0; i < Math.max(10, reads / 10); i++) {
                ledger.summary(1, Timeframe.H1, trades);
            }
            long before = statements.get();
            PortfolioView v = ledger.summary(1, Timeframe.H1, trades).orElseThrow();
            long perRead = statements.get() - before;
            // interleaved with the baseline: the two reads the summary replaced (positions, then trades with a
            // separate executions statement; five statements), so both see the same machine load
            double[] ms = new double[reads];
            double[] base = new double[reads];
            for (int i = 0; i < reads; i++) {
                long t0 = System.nanoTime();
                ledger.summary(1, Timeframe.H1, trades);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                ledger.withPositions(1, Timeframe.H1);
                ledger.withRecentTrades(1, trades);
                base[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            Arrays.sort(base);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("positions", v.positions().size());
            m.put("executions", executions);
            m.put("trades_shown", v.trades().size());
            m.put("reads", reads);
            m.put("statements_per_read", perRead);
            m.put("statements_goal", "<= " + GOAL_STATEMENTS);
            m.put("p50_ms", round(ms[(int) Math.floor(0.50 * (reads - 1))]));
            m.put("p95_ms", round(ms[(int) Math.floor(0.95 * (reads - 1))]));
            m.put("max_ms", round(ms[reads - 1]));
            m.put("baseline_5_statements_p50_ms", round(base[(int) Math.floor(0.50 * (reads - 1))]));
            m.put("baseline_5_statements_p95_ms", round(base[(int) Math.floor(0.95 * (reads - 1))]));
            return m;
        }
    }

    /**
     * Portfolio 1 with {@code positions} positions (one symbol each, each with a 1h bar to be marked at) and
     * {@code executions / 2} filled orders of two executions each, spread over the symbols.
     */
    static void seed(Database db, int positions, int executions) {
        int orders = Math.max(1, executions / 2);
        db.inTransaction(s -> {
            s.update(
                    "bench.ledger-symbols",
                    "INSERT INTO symbols (ticker) SELECT 'L' || i FROM generate_series(1, ?) i",
                    ps -> ps.setInt(1, positions));
            s.query(
                    "bench.ledger-partition",
                    "SELECT dgas_create_month_partition('bars', date_trunc('hour', now()))",
                    SqlSession.Binder.NONE,
                    rs -> 1);
            s.update(
                    "bench.ledger-bars",
                    "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h',"
                            + " date_trunc('hour', now()), 10, 11, 9, 10.5, 1000 FROM symbols",
                    SqlSession.Binder.NONE);
            s.update(
                    "bench.ledger-portfolio",
                    "INSERT INTO portfolios (id, owner, name, starting_capital) OVERRIDING SYSTEM VALUE"
                            + " VALUES (1, 'bench', 'ledger', 10000000)",
                    SqlSession.Binder.NONE);
            s.update(
                    "bench.ledger-positions",
                    "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis) SELECT 1, id, 10, 100"
                            + " FROM symbols",
                    SqlSession.Binder.NONE);
            s.update(
                    "bench.ledger-orders",
                    "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, filled_quantity, status,"
                            + " client_order_id, created_at) SELECT 1, 1 + i % ?, 'buy', 2, 2, 'filled', 'b' || i,"
                            + " now() - i * interval '1 second' FROM generate_series(1, ?) i",
                    ps -> {
                        ps.setInt(1, positions);
                        ps.setInt(2, orders);
                    });
            s.update(
                    "bench.ledger-executions",
                    "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                            + " SELECT o.id, 'x' || o.id || '-' || k, 1, 10, o.created_at FROM orders o,"
                            + " generate_series(1, 2) k",
                    SqlSession.Binder.NONE);
            return null;
        });
        db.update("bench.analyze", "ANALYZE", SqlSession.Binder.NONE);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
