package io.dgas.app.trading;

import io.dgas.app.service.BadInputException;
import io.dgas.app.service.NotFoundException;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.DailyLoss;
import io.dgas.ledger.Exposure;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.LatestBar;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.EquityRepository;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PositionRepository;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Risk diagnostics per portfolio (issue 14): exposure, concentration, daily P&L against the loss limit, open orders. */
public final class RiskService {
    private static final int MAX_OPEN = 10_000;

    private final Database db;
    private final Clock clock;
    private final PortfolioRepository portfolios;
    private final OrderReads orders;
    private final PositionRepository positions = new PositionRepository();
    private final EquityRepository equity = new EquityRepository();
    private final BarRepository bars;

    private final LedgerCache cache;

    /** Uncached (the pre-trade check of {@link PortfolioService}). */
    public RiskService(Database db, Clock clock) {
        this(db, clock, QueryCache.NONE);
    }

    /** With {@link #of} cached in the {@code portfolio} region. */
    public RiskService(Database db, Clock clock, QueryCache cache) {
        this.db = db;
        this.cache = new LedgerCache(cache);
        this.clock = clock;
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderReads(db);
        this.bars = new BarRepository(db);
    }

    /**
     * The pre-trade check of an order placed by hand into session {@code t} of portfolio {@code p}, inside the
     * caller's transaction {@code s}: the same {@link RiskCheck} the paper cycle applies to its signals' orders, over
     * the same book ({@link PaperTradingService#book}: stored positions marked at the latest close of {@code tf}),
     * the same day-start equity and the session's orders of the last minute. The reference price is the latest close
     * of {@code tf} for a market order, the limit or stop price otherwise ({@link PaperBook#check}).
     *
     * @param price the limit or stop price; ignored for a market order
     * @throws BadInputException naming {@code symbol} when a market order's symbol has no {@code tf} bar to price it
     */
    public RiskCheck.Decision checkOrder(
            SqlSession s,
            Portfolio p,
            TradingSession t,
            Timeframe tf,
            String symbol,
            Side side,
            BigDecimal quantity,
            OrderType type,
            Double price,
            Instant now) {
        List<StoredPosition> stored = positions.of(s, p.id(), tf);
        Set<String> symbols = new LinkedHashSet<>();
        stored.forEach(sp -> symbols.add(sp.position().symbol()));
        symbols.add(symbol);
        Map<String, LatestBar> latest = bars.latest(s, symbols, tf);
        double reference;
        if (type == OrderType.MARKET) {
            LatestBar b = latest.get(symbol);
            if (b == null) {
                throw new BadInputException(
                        "symbol",
                        symbol,
                        "no " + tf.code() + " bar of " + symbol + " to value a market order at",
                        List.of("a symbol with a stored " + tf.code() + " bar", "a limit or stop order"));
            }
            reference = b.close();
        } else {
            reference = price;
        }
        PaperBook book = PaperTradingService.book(p, t, stored, latest);
        BigDecimal dayStart =
                equity.before(s, p.id(), now.truncatedTo(ChronoUnit.DAYS)).orElse(p.startingCapital());
        int recent = orders.placedSince(s, t.id(), now.minusSeconds(60));
        return book.check(symbol, side, quantity, type, reference, new RiskCheck.Activity(dayStart, recent));
    }

    /**
     * The figures of portfolio {@code id}, its positions marked at the latest close of {@code markTimeframe} (at their
     * average price when the symbol has no bar). Cached per UTC day (the daily P&L counts from the day's start)
     * until the portfolio is written or a bar of {@code markTimeframe} ingested ({@link LedgerCache#marked}).
     *
     * @throws NotFoundException when there is no such portfolio
     */
    public RiskReport of(long id, Timeframe markTimeframe) {
        Instant now = clock.instant();
        String day = now.truncatedTo(ChronoUnit.DAYS).toString();
        return cache.marked(id, markTimeframe, "risk:" + day, () -> load(id, markTimeframe, now));
    }

    private RiskReport load(long id, Timeframe markTimeframe, Instant now) {
        return db.withSession(s -> {
            Portfolio p = portfolios
                    .find(s, id)
                    .orElseThrow(() -> new NotFoundException("portfolio", "" + id, "no portfolio " + id));
            List<StoredPosition> stored = positions.of(s, id, markTimeframe);
            Map<String, Double> marks = new HashMap<>();
            for (StoredPosition sp : stored) {
                Position pos = sp.position();
                if (!pos.isFlat()) {
                    marks.put(
                            pos.symbol(),
                            sp.mark() != null
                                    ? sp.mark()
                                    : pos.averagePrice().abs().doubleValue());
                }
            }
            List<Position> open = stored.stream().map(StoredPosition::position).toList();
            Ledger ledger = Ledger.restore(p.startingCapital(), open);
            BigDecimal eq = ledger.equity(marks);
            BigDecimal dayStart =
                    equity.before(s, id, now.truncatedTo(ChronoUnit.DAYS)).orElse(p.startingCapital());
            List<TradingSession> active = portfolios.sessions(s, id, false, 1);
            RiskLimits limits = active.isEmpty() ? null : active.get(0).limits();
            boolean breached = limits != null
                    && DailyLoss.of(dayStart, eq, limits.maxLossPerDay()).breached();
            int openOrders = orders.byStatus(s, id, OrderStatus.NEW, MAX_OPEN).size()
                    + orders.byStatus(s, id, OrderStatus.PARTIALLY_FILLED, MAX_OPEN)
                            .size();
            return new RiskReport(
                    id,
                    Exposure.of(open, marks),
                    eq,
                    eq.subtract(dayStart),
                    limits,
                    breached,
                    openOrders,
                    ledger.cash());
        });
    }
}
