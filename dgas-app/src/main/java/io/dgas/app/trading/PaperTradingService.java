package io.dgas.app.trading;

import io.dgas.app.alerts.TradingEvent;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Execution;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.LatestBar;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.EquityRepository;
import io.dgas.store.ledger.NewOrder;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PositionRepository;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import io.dgas.store.optimizer.MaterializedViews;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drives active paper sessions after the prediction cycle has stored its signals (issue 14, "Paper trading"). For
 * each session, in one transaction for the whole cycle: pending orders fill at the newest bar of the trading
 * timeframe when it is after the bar they were decided on; open positions are closed by their stop or target; each
 * signal becomes an order sized by the session's rules and checked against its limits (a refused one is stored as
 * rejected with the limit); positions and an equity snapshot are written.
 *
 * <p>A signal's entry becomes a market order when its plan enters at the close, a limit order at the entry when the
 * plan waits for the price (a long's entry below the close, a short's above); such a limit order lapses (cancelled)
 * when it has not filled within the signal's expiry ({@code signals.expiry_bars} trading bars after its bar).
 *
 * <p>Orders accepted in a cycle are not counted against the limits of later signals of the same cycle until they
 * fill: the limits bound positions, and a pending order is not yet one.
 */
public final class PaperTradingService {
    private static final int MAX_PENDING = 10_000;
    /** The view of daily portfolio figures a cycle changes (V80; the news view does not depend on the ledger). */
    static final String PERFORMANCE_VIEW = "daily_portfolio_performance";

    private final Database db;
    private final Clock clock;
    private final BarRepository bars;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final OrderReads orderReads;
    private final PositionRepository positions = new PositionRepository();
    private final EquityRepository equity = new EquityRepository();

    private final LedgerCache cache;
    private final MaterializedViews views;

    private final int expiryBars;

    /** With the default expiry of limit entries ({@code signals.expiry_bars}' default). */
    public PaperTradingService(Database db, Clock clock, QueryCache cache) {
        this(db, clock, cache, SignalParams.defaults().expiryBars());
    }

    /** @param expiryBars trading bars after its signal's bar in which a limit entry may fill, then it lapses */
    public PaperTradingService(Database db, Clock clock, QueryCache cache, int expiryBars) {
        if (expiryBars < 1) {
            throw new IllegalArgumentException("expiry bars must be >= 1: " + expiryBars);
        }
        this.expiryBars = expiryBars;
        this.db = db;
        this.clock = clock;
        this.cache = new LedgerCache(cache);
        this.views = new MaterializedViews(db);
        this.bars = new BarRepository(db);
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderRepository(db);
        this.orderReads = new OrderReads(db);
    }

    /**
     * Runs one paper cycle of every active paper session with the signals of run {@code runId} (0 when the signals
     * were not stored by a run: orders then carry no signal id), in one transaction. After it commits, the cached
     * reads of the sessions' portfolios are dropped and the daily performance view is refreshed (concurrently), so
     * the dashboard's portfolio page and its daily figures show the cycle.
     */
    public List<SessionReport> onRun(long runId, Timeframe trading, List<Signal> signals) {
        List<TradingSession> sessions = portfolios.activePaperSessions();
        if (sessions.isEmpty()) {
            return List.of();
        }
        List<SessionReport> reports = cycle(runId, trading, signals, sessions);
        sessions.forEach(t -> cache.changed(t.portfolioId()));
        views.refresh(List.of(PERFORMANCE_VIEW));
        cache.performanceRefreshed();
        return reports;
    }

    private List<SessionReport> cycle(
            long runId, Timeframe trading, List<Signal> signals, List<TradingSession> sessions) {
        Instant now = clock.instant();
        return db.inTransaction(s -> {
            Map<String, Long> ids = runId == 0 ? Map.of() : signalIds(s, runId);
            List<SessionReport> out = new ArrayList<>();
            for (TradingSession t : sessions) {
                out.add(cycle(s, t, trading, signals, ids, now));
            }
            return out;
        });
    }

    private SessionReport cycle(
            SqlSession s, TradingSession t, Timeframe tf, List<Signal> signals, Map<String, Long> ids, Instant now) {
        Portfolio p = portfolios.find(s, t.portfolioId()).orElseThrow();
        List<StoredPosition> stored = positions.of(s, p.id(), tf);
        List<StoredOrder> pending = new ArrayList<>(orderReads.byStatus(s, p.id(), OrderStatus.NEW, MAX_PENDING));
        pending.addAll(orderReads.byStatus(s, p.id(), OrderStatus.PARTIALLY_FILLED, MAX_PENDING));
        Set<String> symbols = new LinkedHashSet<>();
        stored.forEach(sp -> symbols.add(sp.position().symbol()));
        pending.forEach(o -> symbols.add(o.symbol()));
        signals.forEach(g -> symbols.add(g.symbol()));
        Map<String, LatestBar> latest = bars.latest(s, symbols, tf);

        PaperBook book = book(p, t, stored, latest);
        Set<String> touched = new LinkedHashSet<>();
        List<TradingEvent> events = new ArrayList<>();
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        var dayStartEquity = equity.before(s, p.id(), dayStart).orElse(p.startingCapital());

        int fills = 0;
        for (StoredOrder o : pending) {
            LatestBar b = latest.get(o.symbol());
            if (b == null) {
                continue;
            }
            if (lapsed(t, o, b, tf)) {
                orders.cancel(s, o.id(), now);
                continue;
            }
            var r = book.fill(pending(o), bar(b), new RiskCheck.Activity(dayStartEquity, 0), t.maxParticipation());
            if (r.isEmpty()) {
                continue;
            }
            Execution e = r.get().execution();
            if (e != null && orders.applyExecution(s, o.id(), e)) {
                fills++;
                touched.add(o.symbol());
                events.add(fillEvent(t, o.id(), e));
            }
            if (r.get().limitBreached()) {
                events.add(breach(
                        t,
                        o.symbol(),
                        r.get().cappedBy(),
                        r.get().kept(),
                        "fill of order " + o.id() + (e == null ? " refused" : " cut to " + e.quantity())));
            }
        }
        int exits = 0;
        for (LatestBar b : latest.values()) {
            var x = book.checkExit(bar(b));
            if (x.isPresent()) {
                Execution e = x.get().execution();
                NewOrder exit = NewOrder.market(t.id(), e.symbol(), e.side(), e.quantity(), e.id(), now);
                exit = withRationale(exit, x.get().reason() + " reached");
                orders.insert(s, p.id(), exit).ifPresent(o -> {
                    if (orders.applyExecution(s, o.id(), e)) {
                        events.add(fillEvent(t, o.id(), e));
                    }
                });
                exits++;
                touched.add(e.symbol());
            }
        }

        int recent = orderReads.placedSince(s, t.id(), now.minusSeconds(60));
        int placed = 0;
        int rejected = 0;
        for (Signal g : signals) {
            LatestBar b = latest.get(g.symbol());
            double price = b != null ? b.close() : g.entry();
            var d = book.decide(g, price, new RiskCheck.Activity(dayStartEquity, recent + placed), true);
            if (d.isEmpty()) {
                continue;
            }
            NewOrder o = order(t, d.get(), ids.get(key(g)), now);
            if (orders.insert(s, p.id(), o).isPresent()) {
                placed += d.get().accepted() ? 1 : 0;
                rejected += d.get().accepted() ? 0 : 1;
                if (d.get().limit() != null && SESSION_LIMITS.contains(d.get().limit())) {
                    events.add(breach(
                            t,
                            g.symbol(),
                            d.get().limit(),
                            d.get().quantity(),
                            "order " + (d.get().accepted() ? "capped" : "refused")));
                }
            }
        }

        for (String sym : touched) {
            Position pos = book.ledger().position(sym);
            positions.upsert(s, p.id(), new StoredPosition(pos, book.stop(sym), book.target(sym), now, null), now);
        }
        var eq = book.equity();
        equity.record(s, p.id(), new EquityRepository.Point(now, book.ledger().cash(), eq));
        return new SessionReport(t.id(), p.id(), fills, exits, placed, rejected, eq, List.copyOf(events));
    }

    /**
     * Session {@code t}'s book of portfolio {@code p} as stored: its positions with their exits, marked at the latest
     * close of the trading timeframe ({@code latest}, else the stored mark, else the average price).
     */
    static PaperBook book(Portfolio p, TradingSession t, List<StoredPosition> stored, Map<String, LatestBar> latest) {
        PaperBook book = new PaperBook(
                Ledger.restore(
                        p.startingCapital(),
                        stored.stream().map(StoredPosition::position).toList()),
                t.limits(),
                t.rules());
        for (StoredPosition sp : stored) {
            Position pos = sp.position();
            book.restoreExits(pos.symbol(), sp.exitStop(), sp.exitTarget());
            // a position without a bar is marked at its average price: its value is then its cost
            book.mark(pos.symbol(), sp.mark() != null ? sp.mark() : fallbackMark(pos));
        }
        latest.values().forEach(b -> book.mark(b.symbol(), b.close()));
        return book;
    }

    /** Whether {@code o} is a limit entry of this session's signals whose expiry has passed at bar {@code b}. */
    private boolean lapsed(TradingSession t, StoredOrder o, LatestBar b, Timeframe tf) {
        return o.clientOrderId().startsWith(signalRefPrefix(t))
                && o.fillAfter() != null
                && pending(o).lapsedAt(b.ts(), expiryBars, tf.seconds());
    }

    /** How the client order ids of a session's signal orders start ({@link #order}). */
    private static String signalRefPrefix(TradingSession t) {
        return "s" + t.id() + "-";
    }

    /** The limits of a session (a decision's other reason, a size below one unit, is not a breach). */
    static final Set<String> SESSION_LIMITS =
            Set.of(RiskLimits.POSITION, RiskLimits.GROSS, RiskLimits.DAILY_LOSS, RiskLimits.RATE);

    /** {@code o} as the paper book fills it: its type and price, and what it has filled so far. */
    private static PendingOrder pending(StoredOrder o) {
        long after = (o.fillAfter() != null ? o.fillAfter() : o.createdAt()).getEpochSecond();
        Double price = o.type() == OrderType.LIMIT ? o.limitPrice() : o.type() == OrderType.STOP ? o.stopPrice() : null;
        return new PendingOrder(
                Long.toString(o.id()),
                o.symbol(),
                o.side(),
                o.quantity(),
                after,
                o.exitStop(),
                o.exitTarget(),
                o.type(),
                price,
                o.filledQuantity());
    }

    private static TradingEvent fillEvent(TradingSession t, long orderId, Execution e) {
        double notional = e.quantity().doubleValue() * e.price();
        return new TradingEvent(
                TradingEvent.FILL,
                e.symbol(),
                notional,
                String.format(
                        Locale.ROOT,
                        "session %d: %s %s %s @ %.4f (order %d)",
                        t.id(),
                        e.side().name().toLowerCase(Locale.ROOT),
                        e.quantity().stripTrailingZeros().toPlainString(),
                        e.symbol(),
                        e.price(),
                        orderId));
    }

    /** A {@code limit_breach} event of session {@code t}: {@code quantity} kept back by {@code limit}. */
    static TradingEvent breach(
            TradingSession t, String symbol, String limit, java.math.BigDecimal quantity, String what) {
        return new TradingEvent(
                TradingEvent.LIMIT_BREACH,
                symbol,
                quantity.doubleValue(),
                "session " + t.id() + ": " + symbol + " " + what + " by " + limit);
    }

    private static NewOrder order(TradingSession t, OrderDecision d, Long signalId, Instant now) {
        return new NewOrder(
                t.id(),
                d.symbol(),
                d.side(),
                d.quantity(),
                d.limitPrice() != null ? OrderType.LIMIT : OrderType.MARKET,
                d.limitPrice(),
                null,
                "day",
                d.accepted() ? OrderStatus.NEW : OrderStatus.REJECTED,
                d.accepted() ? null : d.limit(),
                signalId,
                d.confidence(),
                d.rationale(),
                d.exitStop(),
                d.exitTarget(),
                // one order per session, symbol, side and signal bar: a cycle run twice places nothing new
                signalRefPrefix(t) + d.symbol() + "-" + d.side().name().toLowerCase(Locale.ROOT) + "-" + d.fillAfter(),
                Instant.ofEpochSecond(d.fillAfter()),
                now);
    }

    private static NewOrder withRationale(NewOrder o, String rationale) {
        return new NewOrder(
                o.sessionId(),
                o.symbol(),
                o.side(),
                o.quantity(),
                o.type(),
                o.limitPrice(),
                o.stopPrice(),
                o.timeInForce(),
                o.status(),
                o.rejectReason(),
                o.signalId(),
                o.confidence(),
                rationale,
                o.exitStop(),
                o.exitTarget(),
                o.clientOrderId(),
                o.fillAfter(),
                o.createdAt());
    }

    private static double fallbackMark(Position p) {
        return p.isFlat() ? 1 : p.averagePrice().abs().doubleValue();
    }

    private static PaperBar bar(LatestBar b) {
        return new PaperBar(b.symbol(), b.ts(), b.open(), b.high(), b.low(), b.close(), b.volume());
    }

    private static String key(Signal g) {
        return g.symbol() + "|" + g.type().name().toLowerCase(Locale.ROOT) + "|" + g.ts();
    }

    /** Ids of the signals run {@code runId} stored, by symbol, type and bar: one statement. */
    private static Map<String, Long> signalIds(SqlSession s, long runId) {
        Map<String, Long> out = new HashMap<>();
        s.query(
                "paper.run-signals",
                "SELECT g.id, y.ticker, g.signal_type, date_part('epoch', g.ts)::bigint FROM signals g"
                        + " JOIN symbols y ON y.id = g.symbol_id WHERE g.run_id = ?",
                ps -> ps.setLong(1, runId),
                rs -> out.put(rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4), rs.getLong(1)));
        return out;
    }
}
