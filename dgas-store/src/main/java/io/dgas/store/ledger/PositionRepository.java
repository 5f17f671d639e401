package io.dgas.store.ledger;

import io.dgas.domain.Timeframe;
import io.dgas.ledger.Position;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.UnknownSymbolException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** A portfolio's positions: derived state the paper cycle rewrites after applying its executions. */
public final class PositionRepository {
    /**
     * positions_pkey (portfolio_id, symbol_id): a portfolio's positions, each marked at the latest close of
     * {@code timeframe} (bars_pkey, backwards), else, for a symbol with no bars of it (an hourly universe marked at
     * 1d, a daily stock at 1h), at the close of its newest bar of any timeframe: a position is never left unmarked
     * while its symbol has bars. The fallback runs only for those rows (its filter is false otherwise).
     */
    static final String PORTFOLIO_POSITIONS = "SELECT y.ticker, p.quantity, p.cost_basis, p.realized_pnl, p.costs,"
            + " p.exit_stop, p.exit_target, p.updated_at, coalesce(m.close, f.close) AS close"
            + " FROM positions p"
            + " JOIN symbols y ON y.id = p.symbol_id"
            + " LEFT JOIN LATERAL (SELECT b.close FROM bars b WHERE b.symbol_id = p.symbol_id AND b.timeframe = ?"
            + " AND b.deleted_at IS NULL ORDER BY b.ts DESC LIMIT 1) m ON true"
            + " LEFT JOIN LATERAL (SELECT b.close FROM bars b WHERE m.close IS NULL AND b.symbol_id = p.symbol_id"
            + " AND b.deleted_at IS NULL ORDER BY b.ts DESC LIMIT 1) f ON true WHERE p.portfolio_id = ?"
            + " ORDER BY y.ticker";

    /**
     * The positions of {@code portfolioId} by symbol, marked at the latest close of {@code markTimeframe} (else of the
     * symbol's newest bar, see {@link #PORTFOLIO_POSITIONS}).
     */
    public List<StoredPosition> of(SqlSession s, long portfolioId, Timeframe markTimeframe) {
        return s.query(
                "ledger.portfolio-positions",
                PORTFOLIO_POSITIONS,
                ps -> {
                    ps.setString(1, markTimeframe.code());
                    ps.setLong(2, portfolioId);
                },
                PositionRepository::position);
    }

    /**
     * Writes a position of {@code portfolioId} (inserted, or replaced when the symbol has one).
     *
     * @throws UnknownSymbolException when the symbol is not known
     */
    public void upsert(SqlSession s, long portfolioId, StoredPosition sp, Instant at) {
        Position p = sp.position();
        int n = s.update(
                "ledger.position-upsert",
                "INSERT INTO positions (portfolio_id, symbol_id, quantity, cost_basis, realized_pnl, costs, exit_stop,"
                        + " exit_target, updated_at) SELECT ?, y.id, ?, ?, ?, ?, ?, ?, ? FROM symbols y"
                        + " WHERE y.ticker = ? ON CONFLICT (portfolio_id, symbol_id) DO UPDATE SET"
                        + " quantity = EXCLUDED.quantity, cost_basis = EXCLUDED.cost_basis,"
                        + " realized_pnl = EXCLUDED.realized_pnl, costs = EXCLUDED.costs,"
                        + " exit_stop = EXCLUDED.exit_stop, exit_target = EXCLUDED.exit_target,"
                        + " updated_at = EXCLUDED.updated_at",
                ps -> {
                    ps.setLong(1, portfolioId);
                    ps.setBigDecimal(2, p.quantity());
                    ps.setBigDecimal(3, p.costBasis());
                    ps.setBigDecimal(4, p.realizedPnl());
                    ps.setBigDecimal(5, p.costs());
                    Cols.setDouble(ps, 6, sp.exitStop());
                    Cols.setDouble(ps, 7, sp.exitTarget());
                    Cols.setInstant(ps, 8, at);
                    ps.setString(9, p.symbol());
                });
        if (n == 0) {
            throw new UnknownSymbolException(p.symbol());
        }
    }

    static StoredPosition position(ResultSet rs) throws SQLException {
        return new StoredPosition(
                new Position(
                        rs.getString("ticker"),
                        rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("cost_basis"),
                        rs.getBigDecimal("realized_pnl"),
                        rs.getBigDecimal("costs")),
                Cols.doubleOrNull(rs, "exit_stop"),
                Cols.doubleOrNull(rs, "exit_target"),
                Cols.instant(rs, "updated_at"),
                Cols.doubleOrNull(rs, "close"));
    }
}
