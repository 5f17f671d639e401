package io.dgas.store.ledger;

import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Sizing;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Portfolios and their trading sessions. */
public final class PortfolioRepository {
    static final String PORTFOLIO_COLS = "p.id, p.owner, p.name, p.base_currency, p.starting_capital, p.active, p.kind,"
            + " p.created_at, p.closed_at";
    static final String SESSION_COLS = "t.id, t.portfolio_id, t.mode, t.status, t.max_position_value,"
            + " t.max_gross_exposure, t.max_loss_per_day, t.max_orders_per_minute, t.sizing, t.sizing_value,"
            + " t.slippage_bps, t.commission_per_share, t.commission_percent, t.commission_minimum, t.started_at,"
            + " t.stopped_at, t.max_participation";

    private final Database db;

    public PortfolioRepository(Database db) {
        this.db = db;
    }

    /**
     * Creates a portfolio; empty when {@code owner} already has one called {@code name}.
     *
     * @param kind {@code trading} or {@code backtest}
     */
    public Optional<Portfolio> create(
            SqlSession s, String owner, String name, String currency, BigDecimal capital, String kind, Instant at) {
        return s.queryOne(
                "ledger.portfolio-create",
                "INSERT INTO portfolios AS p (owner, name, base_currency, starting_capital, kind, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (owner, name) DO NOTHING RETURNING "
                        + PORTFOLIO_COLS,
                ps -> {
                    ps.setString(1, owner);
                    ps.setString(2, name);
                    ps.setString(3, currency);
                    ps.setBigDecimal(4, capital);
                    ps.setString(5, kind);
                    Cols.setInstant(ps, 6, at);
                },
                PortfolioRepository::portfolio);
    }

    public Optional<Portfolio> create(String owner, String name, String currency, BigDecimal capital, Instant at) {
        return db.withSession(s -> create(s, owner, name, currency, capital, "trading", at));
    }

    public Optional<Portfolio> find(long id) {
        return db.withSession(s -> find(s, id));
    }

    public Optional<Portfolio> find(SqlSession s, long id) {
        return s.queryOne(
                "ledger.portfolio",
                "SELECT " + PORTFOLIO_COLS + " FROM portfolios p WHERE p.id = ?",
                ps -> ps.setLong(1, id),
                PortfolioRepository::portfolio);
    }

    /** Portfolios, newest first; {@code owner} null for all owners; closed ones only when asked. */
    public List<Portfolio> list(String owner, boolean includeClosed, String kind, int limit) {
        return db.query(
                "ledger.portfolios",
                "SELECT " + PORTFOLIO_COLS + " FROM portfolios p WHERE (?::text IS NULL OR p.owner = ?)"
                        + " AND (? OR p.active) AND p.kind = ? ORDER BY p.id DESC LIMIT ?",
                ps -> {
                    ps.setString(1, owner);
                    ps.setString(2, owner);
                    ps.setBoolean(3, includeClosed);
                    ps.setString(4, kind);
                    ps.setInt(5, limit);
                },
                PortfolioRepository::portfolio);
    }

    /** A page of {@link #list} with how many portfolios match: one statement. */
    public Counted<Portfolio> page(String owner, boolean includeClosed, String kind, int limit, int offset) {
        String where = " WHERE (?::text IS NULL OR p.owner = ?) AND (? OR p.active) AND p.kind = ?";
        return db.withSession(s -> Counted.read(
                s,
                "ledger.portfolios-page",
                Counted.sql(
                        "SELECT count(*) AS total FROM portfolios p" + where,
                        "SELECT " + PORTFOLIO_COLS + " FROM portfolios p" + where + " ORDER BY p.id DESC LIMIT ?"
                                + " OFFSET ?",
                        "p.id DESC"),
                ps -> {
                    for (int k = 0; k < 2; k++) {
                        ps.setString(1 + 4 * k, owner);
                        ps.setString(2 + 4 * k, owner);
                        ps.setBoolean(3 + 4 * k, includeClosed);
                        ps.setString(4 + 4 * k, kind);
                    }
                    ps.setInt(9, limit);
                    ps.setInt(10, offset);
                },
                PortfolioRepository::portfolio));
    }

    /** A page of {@link #sessions} with how many sessions match: one statement. */
    public Counted<TradingSession> sessionsPage(Long portfolioId, boolean includeStopped, int limit, int offset) {
        String where = " WHERE (?::bigint IS NULL OR t.portfolio_id = ?) AND (? OR t.status = 'active')";
        return db.withSession(s -> Counted.read(
                s,
                "ledger.sessions-page",
                Counted.sql(
                        "SELECT count(*) AS total FROM trading_sessions t" + where,
                        "SELECT " + SESSION_COLS + " FROM trading_sessions t" + where
                                + " ORDER BY t.id DESC LIMIT ? OFFSET ?",
                        "p.id DESC"),
                ps -> {
                    for (int k = 0; k < 2; k++) {
                        Cols.setLong(ps, 1 + 3 * k, portfolioId);
                        Cols.setLong(ps, 2 + 3 * k, portfolioId);
                        ps.setBoolean(3 + 3 * k, includeStopped);
                    }
                    ps.setInt(7, limit);
                    ps.setInt(8, offset);
                },
                PortfolioRepository::session));
    }

    /** Closes an active portfolio and stops its sessions; false when it was not active. */
    public boolean close(long id, Instant at) {
        return db.inTransaction(s -> closeIn(s, id, at));
    }

    /** {@link #close} inside the caller's transaction. */
    public boolean closeIn(SqlSession s, long id, Instant at) {
        {
            int n = s.update(
                    "ledger.portfolio-close",
                    "UPDATE portfolios SET active = false, closed_at = ? WHERE id = ? AND active",
                    ps -> {
                        Cols.setInstant(ps, 1, at);
                        ps.setLong(2, id);
                    });
            s.update(
                    "ledger.portfolio-stop-sessions",
                    "UPDATE trading_sessions SET status = 'stopped', stopped_at = ? WHERE portfolio_id = ?"
                            + " AND status = 'active'",
                    ps -> {
                        Cols.setInstant(ps, 1, at);
                        ps.setLong(2, id);
                    });
            return n == 1;
        }
    }

    /** Starts a session on {@code portfolioId} without a participation cap. */
    public TradingSession startSession(
            SqlSession s, long portfolioId, String mode, RiskLimits limits, PaperRules rules, Instant at) {
        return startSession(s, portfolioId, mode, limits, rules, 0, at);
    }

    /**
     * Starts a session on {@code portfolioId}.
     *
     * @param maxParticipation largest fraction of a bar's volume one fill may take, in [0, 1] (0: no cap)
     */
    public TradingSession startSession(
            SqlSession s,
            long portfolioId,
            String mode,
            RiskLimits limits,
            PaperRules rules,
            double maxParticipation,
            Instant at) {
        return s.queryOne(
                        "ledger.session-start",
                        "INSERT INTO trading_sessions AS t (portfolio_id, mode, max_position_value,"
                                + " max_gross_exposure, max_loss_per_day, max_orders_per_minute, sizing, sizing_value,"
                                + " slippage_bps, commission_per_share, commission_percent, commission_minimum,"
                                + " started_at, max_participation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " RETURNING "
                                + SESSION_COLS,
                        ps -> {
                            ps.setLong(1, portfolioId);
                            ps.setString(2, mode);
                            ps.setBigDecimal(3, limits.maxPositionValue());
                            ps.setBigDecimal(4, limits.maxGrossExposure());
                            ps.setBigDecimal(5, limits.maxLossPerDay());
                            ps.setInt(6, limits.maxOrdersPerMinute());
                            ps.setString(7, rules.sizing().code());
                            ps.setBigDecimal(8, rules.sizingValue());
                            ps.setDouble(9, rules.slippageBps());
                            ps.setBigDecimal(10, rules.commissionPerShare());
                            ps.setDouble(11, rules.commissionPercent());
                            ps.setBigDecimal(12, rules.commissionMinimum());
                            Cols.setInstant(ps, 13, at);
                            ps.setDouble(14, maxParticipation);
                        },
                        PortfolioRepository::session)
                .orElseThrow();
    }

    public TradingSession startSession(long portfolioId, String mode, RiskLimits limits, PaperRules rules, Instant at) {
        return db.withSession(s -> startSession(s, portfolioId, mode, limits, rules, 0, at));
    }

    public TradingSession startSession(
            long portfolioId, String mode, RiskLimits limits, PaperRules rules, double maxParticipation, Instant at) {
        return db.withSession(s -> startSession(s, portfolioId, mode, limits, rules, maxParticipation, at));
    }

    /** Stops an active session; false when it was not active. */
    public boolean stopSession(long id, Instant at) {
        return db.update(
                        "ledger.session-stop",
                        "UPDATE trading_sessions SET status = 'stopped', stopped_at = ? WHERE id = ?"
                                + " AND status = 'active'",
                        ps -> {
                            Cols.setInstant(ps, 1, at);
                            ps.setLong(2, id);
                        })
                == 1;
    }

    public Optional<TradingSession> session(long id) {
        return db.queryOne(
                "ledger.session",
                "SELECT " + SESSION_COLS + " FROM trading_sessions t WHERE t.id = ?",
                ps -> ps.setLong(1, id),
                PortfolioRepository::session);
    }

    /**
     * Locks session {@code id}'s row until {@code s}'s transaction ends, so orders checked against its limits (orders per
     * minute, exposure) are checked one after the other, never both against the same state.
     */
    public void lockSession(SqlSession s, long id) {
        s.queryOne(
                "ledger.session-lock",
                "SELECT id FROM trading_sessions WHERE id = ? FOR UPDATE",
                ps -> ps.setLong(1, id),
                rs -> rs.getLong(1));
    }

    /** Sessions, newest first; {@code portfolioId} null for all portfolios; stopped ones only when asked. */
    public List<TradingSession> sessions(Long portfolioId, boolean includeStopped, int limit) {
        return db.withSession(s -> sessions(s, portfolioId, includeStopped, limit));
    }

    public List<TradingSession> sessions(SqlSession s, Long portfolioId, boolean includeStopped, int limit) {
        return s.query(
                "ledger.sessions",
                "SELECT " + SESSION_COLS + " FROM trading_sessions t WHERE (?::bigint IS NULL OR t.portfolio_id = ?)"
                        + " AND (? OR t.status = 'active') ORDER BY t.id DESC LIMIT ?",
                ps -> {
                    Cols.setLong(ps, 1, portfolioId);
                    Cols.setLong(ps, 2, portfolioId);
                    ps.setBoolean(3, includeStopped);
                    ps.setInt(4, limit);
                },
                PortfolioRepository::session);
    }

    /** Active paper sessions of active portfolios, oldest first: what the prediction cycle drives. */
    public List<TradingSession> activePaperSessions() {
        return db.query(
                "ledger.active-paper-sessions",
                "SELECT " + SESSION_COLS + " FROM trading_sessions t JOIN portfolios p ON p.id = t.portfolio_id"
                        + " WHERE t.status = 'active' AND t.mode = 'paper' AND p.active ORDER BY t.id",
                SqlSession.Binder.NONE,
                PortfolioRepository::session);
    }

    static Portfolio portfolio(ResultSet rs) throws SQLException {
        return new Portfolio(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("name"),
                rs.getString("base_currency"),
                rs.getBigDecimal("starting_capital"),
                rs.getBoolean("active"),
                rs.getString("kind"),
                Cols.instant(rs, "created_at"),
                Cols.instantOrNull(rs, "closed_at"));
    }

    static TradingSession session(ResultSet rs) throws SQLException {
        RiskLimits limits = new RiskLimits(
                rs.getBigDecimal("max_position_value"),
                rs.getBigDecimal("max_gross_exposure"),
                rs.getBigDecimal("max_loss_per_day"),
                rs.getInt("max_orders_per_minute"));
        PaperRules rules = new PaperRules(
                Sizing.of(rs.getString("sizing")),
                rs.getBigDecimal("sizing_value"),
                rs.getDouble("slippage_bps"),
                rs.getBigDecimal("commission_per_share"),
                rs.getDouble("commission_percent"),
                rs.getBigDecimal("commission_minimum"));
        return new TradingSession(
                rs.getLong("id"),
                rs.getLong("portfolio_id"),
                rs.getString("mode"),
                rs.getString("status"),
                limits,
                rules,
                Cols.instant(rs, "started_at"),
                Cols.instantOrNull(rs, "stopped_at"),
                rs.getDouble("max_participation"));
    }
}
