package io.dgas.app.trading;

import io.dgas.app.service.NotFoundException;
import io.dgas.app.service.Page;
import io.dgas.ledger.OrderStatus;
import io.dgas.store.Database;
import io.dgas.store.ledger.BacktestRecord;
import io.dgas.store.ledger.BacktestRepository;
import io.dgas.store.ledger.Counted;
import io.dgas.store.ledger.EquityRepository;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.Trade;
import io.dgas.store.ledger.TradingSession;
import io.dgas.store.views.DailyViews;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads the API and the dashboard need on top of {@link PortfolioService}, {@link RiskService} and
 * {@link BacktestService}: paged lists, equity curves with drawdown, the daily performance view, a backtest with its
 * curve and trades. No SQL here; every read is a fixed number of statements whatever the row count, lists paged in
 * SQL with their total.
 */
public final class LedgerApiService {
    /** Largest offset a paged list accepts (paging is in SQL; deep offsets still scan the rows they skip). */
    public static final int MAX_WINDOW = 1_001_000;

    private final Database db;
    private final PortfolioService portfolios;
    private final PortfolioRepository portfolioRows;
    private final BacktestRepository backtests;
    private final EquityRepository equity;
    private final LedgerReads reads;
    private final DailyViews views;

    public LedgerApiService(Database db, PortfolioService portfolios) {
        this.db = db;
        this.portfolios = portfolios;
        this.portfolioRows = new PortfolioRepository(db);
        this.backtests = new BacktestRepository(db);
        this.equity = new EquityRepository();
        this.reads = new LedgerReads(db);
        this.views = new DailyViews(db);
    }

    /** One point of an equity curve with its drawdown from the running peak (0 or negative, a fraction). */
    public record CurvePoint(Instant ts, BigDecimal cash, BigDecimal equity, double drawdown) {}

    /** A backtest: its stored row, its curve with drawdown and its trades, newest first. */
    public record BacktestDetail(BacktestRecord backtest, List<CurvePoint> curve, List<Trade> trades) {}

    public Page<Portfolio> portfolios(String owner, boolean includeClosed, int limit, int offset) {
        return portfolios.page(owner, includeClosed, limit, offset);
    }

    public Page<TradingSession> sessions(Long portfolioId, boolean includeStopped, int limit, int offset) {
        return portfolios.sessions(portfolioId, includeStopped, limit, offset);
    }

    public Page<StoredOrder> orders(long portfolioId, OrderStatus status, int limit, int offset) {
        return portfolios.orders(portfolioId, status, limit, offset);
    }

    /** A session's trades (orders with their executions), newest first. */
    public Page<Trade> sessionTrades(long sessionId, int limit, int offset) {
        Counted<Trade> c = reads.sessionTradesPage(sessionId, limit, offset)
                .orElseThrow(() -> new NotFoundException("session", "" + sessionId, "no session " + sessionId));
        return Page.counted(c.items(), limit, offset, c.total());
    }

    /** A portfolio's equity snapshots in [from, to] (inclusive), oldest first, each with its drawdown. */
    public List<CurvePoint> curve(long portfolioId, Instant from, Instant to) {
        requirePortfolio(portfolioId);
        return withDrawdown(db.withSession(s -> equity.curve(s, portfolioId, from, to)));
    }

    /**
     * A portfolio's days from the daily_portfolio_performance view (as of its last refresh), oldest first; cached
     * until the view is refreshed or the portfolio written ({@link LedgerCache#performance}).
     */
    public List<DailyViews.PortfolioDay> performance(long portfolioId, LocalDate from, LocalDate to) {
        return portfolios.ledgerCache().performance(portfolioId, from + ":" + to, () -> {
            requirePortfolio(portfolioId);
            return List.copyOf(views.portfolio(portfolioId, from, to));
        });
    }

    public Page<BacktestRecord> backtests(int limit, int offset) {
        Counted<BacktestRecord> c = backtests.page(limit, offset);
        return Page.counted(c.items(), limit, offset, c.total());
    }

    /** A backtest with its whole curve and its latest {@code trades} trades. */
    public BacktestDetail backtest(long id, int trades) {
        BacktestRecord b =
                backtests.find(id).orElseThrow(() -> new NotFoundException("id", "" + id, "no backtest " + id));
        List<CurvePoint> curve = withDrawdown(db.withSession(s -> equity.curve(s, b.portfolioId(), b.from(), b.to())));
        List<Trade> t =
                reads.withRecentTrades(b.portfolioId(), trades).orElseThrow().trades();
        return new BacktestDetail(b, curve, t);
    }

    private void requirePortfolio(long id) {
        portfolioRows.find(id).orElseThrow(() -> new NotFoundException("portfolio", "" + id, "no portfolio " + id));
    }

    static List<CurvePoint> withDrawdown(List<EquityRepository.Point> points) {
        List<CurvePoint> out = new ArrayList<>(points.size());
        double peak = Double.NEGATIVE_INFINITY;
        for (EquityRepository.Point p : points) {
            double e = p.equity().doubleValue();
            peak = Math.max(peak, e);
            out.add(new CurvePoint(p.ts(), p.cash(), p.equity(), peak > 0 ? e / peak - 1 : 0));
        }
        return out;
    }
}
