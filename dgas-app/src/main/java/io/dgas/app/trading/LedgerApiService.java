package io.dgas.app.trading;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.service.NotFoundException;
import io.dgas.app.service.Page;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRepository;
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
import java.time.Clock;
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
    private final RiskService risk;
    private final Clock clock;

    /** @param risk the risk report whose equity (the portfolio summary's) ends a curve that reaches now */
    public LedgerApiService(Database db, PortfolioService portfolios, RiskService risk, Clock clock) {
        this.db = db;
        this.risk = risk;
        this.clock = clock;
        this.portfolios = portfolios;
        this.portfolioRows = new PortfolioRepository(db);
        this.backtests = new BacktestRepository(db);
        this.equity = new EquityRepository();
        this.reads = new LedgerReads(db);
        this.views = new DailyViews(db);
    }

    /**
     * One point of an equity curve with its drawdown from the running peak (0 or negative, a fraction).
     *
     * @param mark true for the live mark that ends a curve reaching now (positions at the latest closes), false for a
     *     stored snapshot
     */
    public record CurvePoint(Instant ts, BigDecimal cash, BigDecimal equity, double drawdown, boolean mark) {}

    /**
     * A backtest: its stored row, its curve with drawdown, the buy-and-hold benchmark's value at each curve point
     * ({@link BuyAndHold}, from the same start; empty when the bars are gone), its trades, newest first, and its
     * settings in one line ({@link BacktestSettings#line}).
     */
    public record BacktestDetail(
            BacktestRecord backtest,
            List<CurvePoint> curve,
            List<ValuePoint> buyAndHold,
            List<Trade> trades,
            String settingsLine) {}

    /** A value at a time. */
    public record ValuePoint(Instant ts, double value) implements java.io.Serializable {}

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

    /**
     * A portfolio's equity snapshots in [from, to] (inclusive; {@code to} null: now), oldest first, each with its
     * drawdown. When the window reaches now ({@code to} null or not before the clock), the curve ends at the live mark: a last point at now, flagged
     * {@code mark}, whose cash and equity are the risk report's at the latest closes of {@code markTimeframe}
     * ({@link RiskService#of}, the figure the portfolio summary shows), so the curve's end and the summary agree to
     * the cent. Stored snapshots mark positions when a paper cycle ran; the mark follows every close since.
     */
    public List<CurvePoint> curve(long portfolioId, Instant from, Instant to, Timeframe markTimeframe) {
        requirePortfolio(portfolioId);
        Instant now = clock.instant();
        Instant end = to == null ? now : to;
        List<EquityRepository.Point> points =
                new ArrayList<>(db.withSession(s -> equity.curve(s, portfolioId, from, end)));
        boolean live = !end.isBefore(now) && !from.isAfter(now);
        if (live) {
            RiskReport r = risk.of(portfolioId, markTimeframe);
            // a snapshot taken at this very instant is superseded by the mark
            points.removeIf(p -> !p.ts().isBefore(now));
            points.add(new EquityRepository.Point(now, r.cash(), r.equity()));
        }
        return withDrawdown(points, live);
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

    /** A stored backtest as listed: its record and its settings in one line ({@link BacktestSettings#line}). */
    public record ListedBacktest(@JsonUnwrapped BacktestRecord backtest, String settingsLine) {}

    public Page<ListedBacktest> backtests(int limit, int offset) {
        Counted<BacktestRecord> c = backtests.page(limit, offset);
        return Page.counted(
                c.items().stream()
                        .map(b -> new ListedBacktest(b, BacktestSettings.line(b.settings())))
                        .toList(),
                limit,
                offset,
                c.total());
    }

    /** A backtest with its whole curve and its latest {@code trades} trades. */
    public BacktestDetail backtest(long id, int trades) {
        BacktestRecord b =
                backtests.find(id).orElseThrow(() -> new NotFoundException("id", "" + id, "no backtest " + id));
        List<CurvePoint> curve =
                withDrawdown(db.withSession(s -> equity.curve(s, b.portfolioId(), b.from(), b.to())), false);
        List<Trade> t =
                reads.withRecentTrades(b.portfolioId(), trades).orElseThrow().trades();
        return new BacktestDetail(b, curve, buyAndHold(b, curve), t, BacktestSettings.line(b.settings()));
    }

    /**
     * The benchmark at the curve's points, from the bars the backtest replayed (one statement); kept with the
     * backtest's portfolio reads, since a stored backtest never changes and its bars may be a million rows.
     */
    private List<ValuePoint> buyAndHold(BacktestRecord b, List<CurvePoint> curve) {
        if (curve.isEmpty()) {
            return List.of();
        }
        return portfolios.ledgerCache().portfolio(b.portfolioId(), "buy-and-hold", () -> benchmark(b, curve));
    }

    private List<ValuePoint> benchmark(BacktestRecord b, List<CurvePoint> curve) {
        List<BarSeries> series = new BarRepository(db)
                .rangeForSymbols(b.symbols(), Timeframe.parse(b.trading()), b.from(), b.to()).values().stream()
                        .map(SymbolAnalyzer::series)
                        .toList();
        long[] ts = curve.stream().mapToLong(p -> p.ts().getEpochSecond()).toArray();
        List<Double> values =
                BuyAndHold.values(series, ts, curve.get(0).equity().doubleValue());
        List<ValuePoint> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(new ValuePoint(curve.get(i).ts(), values.get(i)));
        }
        return List.copyOf(out);
    }

    private void requirePortfolio(long id) {
        portfolioRows.find(id).orElseThrow(() -> new NotFoundException("portfolio", "" + id, "no portfolio " + id));
    }

    /** @param endsAtMark whether the last point is the live mark */
    static List<CurvePoint> withDrawdown(List<EquityRepository.Point> points, boolean endsAtMark) {
        List<CurvePoint> out = new ArrayList<>(points.size());
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            EquityRepository.Point p = points.get(i);
            double e = p.equity().doubleValue();
            peak = Math.max(peak, e);
            boolean mark = endsAtMark && i == points.size() - 1;
            out.add(new CurvePoint(p.ts(), p.cash(), p.equity(), peak > 0 ? e / peak - 1 : 0, mark));
        }
        return out;
    }
}
