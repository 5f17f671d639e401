package io.dgas.app.web;

import io.dgas.store.Database;

/** Ledger rows for API and page tests, written with plain SQL so that a test does not depend on paper trading. */
final class LedgerSeed {
    private LedgerSeed() {}

    /**
     * {@code symbols} positions of 10 shares at 100 on {@code <prefix>1..n}, each bought by one filled order with one
     * execution on 2025-01-02, and equity snapshots 10000 → 10200 → 9690 on three days.
     */
    static void trades(Database db, String prefix, long portfolio, int symbols) {
        db.update(
                "test.seed-orders",
                "INSERT INTO orders (portfolio_id, symbol_id, side, quantity, filled_quantity, status,"
                        + " client_order_id, created_at) SELECT ?, y.id, 'buy', 10, 10, 'filled', 'c' || y.id,"
                        + " timestamptz '2025-01-02 10:00Z' FROM symbols y WHERE y.ticker = ANY (SELECT ? || g"
                        + " FROM generate_series(1, ?) g)",
                ps -> {
                    ps.setLong(1, portfolio);
                    ps.setString(2, prefix);
                    ps.setInt(3, symbols);
                });
        db.update(
                "test.seed-executions",
                "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                        + " SELECT o.id, 'x' || o.id, 10, 100, timestamptz '2025-01-02 11:00Z' FROM orders o"
                        + " WHERE o.portfolio_id = ?",
                ps -> ps.setLong(1, portfolio));
        db.update(
                "test.seed-positions",
                "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis) SELECT ?, symbol_id, 10, 1000"
                        + " FROM orders WHERE portfolio_id = ?",
                ps -> {
                    ps.setLong(1, portfolio);
                    ps.setLong(2, portfolio);
                });
        db.update(
                "test.seed-equity",
                "INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) VALUES"
                        + " (?, '2025-01-01 20:00Z', 10000, 10000), (?, '2025-01-02 20:00Z', 9000, 10200),"
                        + " (?, '2025-01-03 20:00Z', 9000, 9690)",
                ps -> {
                    ps.setLong(1, portfolio);
                    ps.setLong(2, portfolio);
                    ps.setLong(3, portfolio);
                });
    }
}
