package io.dgas.store.ledger;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Stored backtests. */
public final class BacktestRepository {
    private static final String COLS = "id, portfolio_id, symbols, from_ts, to_ts, htf, trading, settings::text,"
            + " metrics::text, bar_steps, duration_ms, created_at";

    private final Database db;

    public BacktestRepository(Database db) {
        this.db = db;
    }

    /** Inserts {@code r} (its id and creation time are assigned) and returns it as stored. */
    public BacktestRecord insert(SqlSession s, BacktestRecord r) {
        return s.queryOne(
                        "ledger.backtest-insert",
                        "INSERT INTO backtests (portfolio_id, symbols, from_ts, to_ts, htf, trading, settings, metrics,"
                                + " bar_steps, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb,"
                                + " ?, ?, ?) RETURNING " + COLS,
                        ps -> {
                            ps.setLong(1, r.portfolioId());
                            ps.setArray(
                                    2,
                                    ps.getConnection()
                                            .createArrayOf("text", r.symbols().toArray()));
                            Cols.setInstant(ps, 3, r.from());
                            Cols.setInstant(ps, 4, r.to());
                            ps.setString(5, r.htf());
                            ps.setString(6, r.trading());
                            ps.setString(7, r.settings());
                            ps.setString(8, r.metrics());
                            ps.setLong(9, r.barSteps());
                            ps.setDouble(10, r.durationMs());
                            Cols.setInstant(ps, 11, r.createdAt());
                        },
                        BacktestRepository::record)
                .orElseThrow();
    }

    /** Backtests, newest first. */
    public List<BacktestRecord> list(int limit) {
        return db.query(
                "ledger.backtests",
                "SELECT " + COLS + " FROM backtests ORDER BY id DESC LIMIT ?",
                ps -> ps.setInt(1, limit),
                BacktestRepository::record);
    }

    /** A page of backtests, newest first, with how many there are: one statement. */
    public Counted<BacktestRecord> page(int limit, int offset) {
        return db.withSession(s -> Counted.read(
                s,
                "ledger.backtests-page",
                Counted.sql(
                        "SELECT count(*) AS total FROM backtests",
                        "SELECT " + COLS + " FROM backtests ORDER BY id DESC LIMIT ? OFFSET ?",
                        "p.id DESC"),
                ps -> {
                    ps.setInt(1, limit);
                    ps.setInt(2, offset);
                },
                BacktestRepository::record));
    }

    public Optional<BacktestRecord> find(long id) {
        return db.queryOne(
                "ledger.backtest",
                "SELECT " + COLS + " FROM backtests WHERE id = ?",
                ps -> ps.setLong(1, id),
                BacktestRepository::record);
    }

    static BacktestRecord record(ResultSet rs) throws SQLException {
        return new BacktestRecord(
                rs.getLong("id"),
                rs.getLong("portfolio_id"),
                Arrays.asList((String[]) rs.getArray("symbols").getArray()),
                Cols.instant(rs, "from_ts"),
                Cols.instant(rs, "to_ts"),
                rs.getString("htf"),
                rs.getString("trading"),
                rs.getString("settings"),
                rs.getString("metrics"),
                rs.getLong("bar_steps"),
                rs.getDouble("duration_ms"),
                Cols.instant(rs, "created_at"));
    }
}
