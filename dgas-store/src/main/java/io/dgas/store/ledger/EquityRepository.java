package io.dgas.store.ledger;

import io.dgas.store.SqlSession;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A portfolio's equity snapshots: its equity curve, and the starting equity of a day. */
public final class EquityRepository {
    /** portfolio_equity_pkey: the newest snapshot before a time */
    static final String EQUITY_BEFORE =
            "SELECT equity FROM portfolio_equity WHERE portfolio_id = ? AND ts < ?" + " ORDER BY ts DESC LIMIT 1";
    /** portfolio_equity_pkey: the curve between two times */
    static final String CURVE = "SELECT ts, cash, equity FROM portfolio_equity WHERE portfolio_id = ? AND ts >= ?"
            + " AND ts <= ? ORDER BY ts";

    /** One point of an equity curve. */
    public record Point(Instant ts, BigDecimal cash, BigDecimal equity) {}

    static final String RECORD = "INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (portfolio_id, ts) DO UPDATE SET cash = EXCLUDED.cash, equity = EXCLUDED.equity";
    /** Points sent per JDBC batch by {@link #recordAll}. */
    private static final int BATCH = 1_000;

    /** Records (or replaces) the snapshot of {@code portfolioId} at {@code ts}. */
    public void record(SqlSession s, long portfolioId, Point p) {
        s.update("ledger.equity-record", RECORD, ps -> {
            ps.setLong(1, portfolioId);
            Cols.setInstant(ps, 2, p.ts());
            ps.setBigDecimal(3, p.cash());
            ps.setBigDecimal(4, p.equity());
        });
    }

    /**
     * Records (or replaces) every point as {@link #record} does, as JDBC batches of {@value #BATCH} (one round trip
     * each, reported as one statement) instead of a statement per point: a backtest stores its whole curve at once.
     * Points must have distinct times.
     */
    public void recordAll(SqlSession s, long portfolioId, List<Point> points) {
        for (int from = 0; from < points.size(); from += BATCH) {
            List<Point> part = points.subList(from, Math.min(points.size(), from + BATCH));
            s.timed(
                    "ledger.equity-record-batch",
                    c -> {
                        try (PreparedStatement ps =
                                c.prepareStatement(SqlSession.named("ledger.equity-record-batch", RECORD))) {
                            for (Point p : part) {
                                ps.setLong(1, portfolioId);
                                Cols.setInstant(ps, 2, p.ts());
                                ps.setBigDecimal(3, p.cash());
                                ps.setBigDecimal(4, p.equity());
                                ps.addBatch();
                            }
                            return ps.executeBatch().length;
                        }
                    },
                    n -> n);
        }
    }

    /** Equity of the newest snapshot before {@code ts}; empty when there is none. */
    public Optional<BigDecimal> before(SqlSession s, long portfolioId, Instant ts) {
        return s.queryOne(
                "ledger.equity-before",
                EQUITY_BEFORE,
                ps -> {
                    ps.setLong(1, portfolioId);
                    Cols.setInstant(ps, 2, ts);
                },
                rs -> rs.getBigDecimal(1));
    }

    /** Snapshots from {@code from} to {@code to}, oldest first. */
    public List<Point> curve(SqlSession s, long portfolioId, Instant from, Instant to) {
        return s.query(
                "ledger.equity-curve",
                CURVE,
                ps -> {
                    ps.setLong(1, portfolioId);
                    Cols.setInstant(ps, 2, from);
                    Cols.setInstant(ps, 3, to);
                },
                rs -> new Point(Cols.instant(rs, "ts"), rs.getBigDecimal("cash"), rs.getBigDecimal("equity")));
    }
}
