package io.dgas.app.trading;

import io.dgas.app.alerts.TradingEvent;
import io.dgas.app.service.BadInputException;
import io.dgas.app.service.NotFoundException;
import io.dgas.app.service.Page;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.store.Database;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ledger.Counted;
import io.dgas.store.ledger.LedgerReads;
import io.dgas.store.ledger.NewOrder;
import io.dgas.store.ledger.OrderReads;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PortfolioView;
import io.dgas.store.ledger.StoredOrder;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Portfolios, sessions, orders and positions for the CLI and the API: one method per action, no SQL here. Summary,
 * position and order reads go through the {@code portfolio} cache region ({@link LedgerCache}); every write drops
 * what it changed before it returns.
 */
public final class PortfolioService {
    private final Database db;
    private final Clock clock;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final OrderReads orderReads;
    private final LedgerReads reads;
    private final LedgerCache cache;
    private final RiskService risk;
    private final Timeframe trading;
    private final Consumer<List<TradingEvent>> tradingEvents;

    /** With the default trading timeframe (1h, {@code cycle.trading}'s default) pricing manual market orders. */
    public PortfolioService(Database db, Clock clock, QueryCache cache) {
        this(db, clock, cache, Timeframe.H1);
    }

    /** @param trading the timeframe whose latest close prices a manual market order for the limit check */
    public PortfolioService(Database db, Clock clock, QueryCache cache, Timeframe trading) {
        this(db, clock, cache, trading, events -> {});
    }

    /**
     * @param trading the timeframe whose latest close prices a manual market order for the limit check
     * @param tradingEvents told, after the order is stored, of a manual order a session limit refused (a {@code
     *     limit_breach} event, as the paper cycle reports its own): the alert engine's {@code evaluateTrading}
     */
    public PortfolioService(
            Database db, Clock clock, QueryCache cache, Timeframe trading, Consumer<List<TradingEvent>> tradingEvents) {
        this.tradingEvents = tradingEvents;
        this.db = db;
        this.trading = trading;
        this.risk = new RiskService(db, clock);
        this.clock = clock;
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderRepository(db);
        this.orderReads = new OrderReads(db);
        this.reads = new LedgerReads(db);
        this.cache = new LedgerCache(cache);
    }

    /**
     * Creates a portfolio; {@code currency} is taken in upper case.
     *
     * @throws IllegalArgumentException when the owner already has a portfolio of that name
     * @throws BadInputException when the owner or name is not 1 to 64 printable characters, the currency not three
     *     letters, or the capital not more than 0 and below {@link io.dgas.ledger.Money#LIMIT}
     */
    public Portfolio create(String owner, String name, String currency, BigDecimal capital) {
        requireLabel("owner", owner);
        requireLabel("name", name);
        LedgerAmounts.money("capital", capital);
        String code = currency.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new BadInputException(
                    "currency",
                    currency,
                    "a currency is 3 letters (ISO 4217), not '" + currency + "'",
                    List.of("3 letters, e.g. USD, EUR"));
        }
        Portfolio p = portfolios
                .create(owner, name, code, capital, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException(owner + " already has a portfolio named " + name));
        cache.changed(p.id());
        return p;
    }

    /** An owner or portfolio name: 1 to 64 characters, not blank, no control characters (the table's limit). */
    private static void requireLabel(String field, String value) {
        if (value == null
                || value.isBlank()
                || value.length() > 64
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new BadInputException(
                    field,
                    value,
                    "a portfolio " + field + " is 1 to 64 characters, not blank, without control characters",
                    List.of("1 to 64 printable characters"));
        }
    }

    public List<Portfolio> list(String owner, boolean includeClosed, int limit) {
        return page(owner, includeClosed, limit, 0).items();
    }

    /** A page of trading portfolios, newest first, with their total. */
    public Page<Portfolio> page(String owner, boolean includeClosed, int limit, int offset) {
        return cache.lists("list:" + owner + ":" + includeClosed + ":" + limit + ":" + offset, () -> {
            Counted<Portfolio> c = portfolios.page(owner, includeClosed, "trading", limit, offset);
            return Page.counted(c.items(), limit, offset, c.total());
        });
    }

    /**
     * The portfolio with its positions (marked at {@code markTimeframe}) and its latest {@code trades} trades: three
     * statements on a miss.
     */
    public PortfolioView show(long id, Timeframe markTimeframe, int trades) {
        // cached as a list of none or one (serializable, so the shared level keeps it too)
        List<PortfolioView> found = cache.marked(
                id,
                markTimeframe,
                "summary:" + trades,
                () -> reads.summary(id, markTimeframe, trades).map(List::of).orElse(List.of()));
        return found.stream().findFirst().orElseThrow(() -> notFound(id));
    }

    /** @return false when it was already closed */
    public boolean close(long id) {
        portfolios.find(id).orElseThrow(() -> notFound(id));
        boolean closed = portfolios.close(id, clock.instant());
        cache.changed(id);
        return closed;
    }

    public TradingSession startSession(long portfolioId, String mode, RiskLimits limits, PaperRules rules) {
        return startSession(portfolioId, mode, limits, rules, 0);
    }

    /** @param maxParticipation largest fraction of a bar's volume one fill may take, in [0, 1] (0: no cap) */
    public TradingSession startSession(
            long portfolioId, String mode, RiskLimits limits, PaperRules rules, double maxParticipation) {
        Portfolio p = portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
        if (!p.active()) {
            throw new IllegalArgumentException("portfolio " + portfolioId + " is closed");
        }
        if (!(maxParticipation >= 0 && maxParticipation <= 1)) {
            throw new IllegalArgumentException("max participation must be in [0, 1], was " + maxParticipation);
        }
        TradingSession t = portfolios.startSession(portfolioId, mode, limits, rules, maxParticipation, clock.instant());
        cache.changed(portfolioId);
        return t;
    }

    public boolean stopSession(long sessionId) {
        TradingSession t = portfolios
                .session(sessionId)
                .orElseThrow(() -> new NotFoundException("session", "" + sessionId, "no session " + sessionId));
        boolean stopped = portfolios.stopSession(sessionId, clock.instant());
        cache.changed(t.portfolioId());
        return stopped;
    }

    public List<TradingSession> sessions(Long portfolioId, boolean includeStopped, int limit) {
        return sessions(portfolioId, includeStopped, limit, 0).items();
    }

    /**
     * A page of trading sessions, newest first, of one portfolio when {@code portfolioId} is given, with their total;
     * cached with the lists (dropped by any session started or stopped, any portfolio written).
     *
     * @throws NotFoundException when there is no portfolio {@code portfolioId}
     */
    public Page<TradingSession> sessions(Long portfolioId, boolean includeStopped, int limit, int offset) {
        return cache.lists("sessions:" + portfolioId + ":" + includeStopped + ":" + limit + ":" + offset, () -> {
            if (portfolioId != null) {
                portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
            }
            Counted<TradingSession> c = portfolios.sessionsPage(portfolioId, includeStopped, limit, offset);
            return Page.counted(c.items(), limit, offset, c.total());
        });
    }

    /** The cache this service's reads go through (shared with {@link LedgerApiService}). */
    LedgerCache ledgerCache() {
        return cache;
    }

    /** A portfolio's orders, newest first; in {@code status} when given. */
    public List<StoredOrder> orders(long portfolioId, OrderStatus status, int limit) {
        return orders(portfolioId, status, limit, 0).items();
    }

    /** A page of a portfolio's orders, newest first, in {@code status} when given, with their total. */
    public Page<StoredOrder> orders(long portfolioId, OrderStatus status, int limit, int offset) {
        portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
        String key = "orders:" + (status == null ? "all" : status.code()) + ":" + limit + ":" + offset;
        return cache.portfolio(portfolioId, key, () -> {
            Counted<StoredOrder> c = db.withSession(s -> orderReads.page(s, portfolioId, status, limit, offset));
            return Page.counted(c.items(), limit, offset, c.total());
        });
    }

    /**
     * Places a manual order on an active portfolio: it waits, in status new, for the next paper cycle of the
     * portfolio's session to fill it at the first bar opening after now (market at the open, limit and stop when the
     * bar trades through their price; partial fills as the session's limits and participation allow).
     *
     * <p>Risk limits are enforced first, in the same transaction as the insert: with a session (the one given, else
     * the portfolio's newest active one, which the order then belongs to), the order is checked as the paper cycle
     * checks its own ({@link RiskService#checkOrder}). A manual order is never resized: one the limits would refuse
     * or cap is stored as {@code rejected} with the limit that bound it as its reason, and returned so; once stored,
     * a refusal by a session limit is reported as a {@code limit_breach} trading event (so its alert rules fire as
     * they do for the paper cycle's refusals).
     *
     * @param sessionId the session it belongs to (active, of this portfolio), or null
     * @param clientOrderId unique per portfolio; null for one made from the time
     * @throws BadInputException naming the field at fault
     */
    public StoredOrder place(
            long portfolioId,
            Long sessionId,
            String symbol,
            Side side,
            BigDecimal quantity,
            OrderType type,
            Double limitPrice,
            Double stopPrice,
            String timeInForce,
            String clientOrderId) {
        Portfolio p = portfolios.find(portfolioId).orElseThrow(() -> notFound(portfolioId));
        if (!p.active()) {
            throw new BadInputException(
                    "id", "" + portfolioId, "portfolio " + portfolioId + " is closed", List.of("an open portfolio"));
        }
        TradingSession session = null;
        if (sessionId != null) {
            session = portfolios.session(sessionId).orElse(null);
            if (session == null || session.portfolioId() != portfolioId || !session.isActive()) {
                throw new BadInputException(
                        "session",
                        "" + sessionId,
                        "session " + sessionId + " is not an active session of portfolio " + portfolioId,
                        List.of("an active session of the portfolio"));
            }
        } else {
            session = portfolios.sessions(portfolioId, false, 1).stream()
                    .findFirst()
                    .orElse(null);
        }
        LedgerAmounts.quantity("quantity", quantity);
        LedgerAmounts.price("limit_price", limitPrice);
        LedgerAmounts.price("stop_price", stopPrice);
        if (type == OrderType.LIMIT && limitPrice == null) {
            throw new BadInputException("limit_price", "", "a limit order needs limit_price", List.of("a price > 0"));
        }
        if (type == OrderType.STOP && stopPrice == null) {
            throw new BadInputException("stop_price", "", "a stop order needs stop_price", List.of("a price > 0"));
        }
        // the column's check (1 to 64 characters): said here, naming the field, not as a failed statement
        if (clientOrderId != null && (clientOrderId.isEmpty() || clientOrderId.length() > 64)) {
            throw new BadInputException(
                    "client_order_id",
                    clientOrderId.length() > 80 ? clientOrderId.substring(0, 80) + "…" : clientOrderId,
                    "client_order_id must be 1 to 64 characters, was " + clientOrderId.length(),
                    List.of("1 to 64 characters"));
        }
        var now = clock.instant();
        // 64 random bits: two orders in one millisecond (a fixed clock, a burst) must not share an id, which
        // nanoTime's last three digits did one time in a thousand
        String ref = clientOrderId != null
                ? clientOrderId
                : "api-" + now.toEpochMilli() + "-"
                        + Long.toHexString(
                                java.util.concurrent.ThreadLocalRandom.current().nextLong());
        Double price = type == OrderType.LIMIT ? limitPrice : type == OrderType.STOP ? stopPrice : null;
        TradingSession t = session;
        Optional<StoredOrder> stored;
        try {
            stored = db.inTransaction(s -> {
                if (t != null) {
                    portfolios.lockSession(s, t.id()); // concurrent orders of one session are checked in turn
                }
                RiskCheck.Decision d =
                        t == null ? null : risk.checkOrder(s, p, t, trading, symbol, side, quantity, type, price, now);
                String refusedBy = d != null && d.quantity().compareTo(quantity) < 0 ? d.limit() : null;
                NewOrder o = new NewOrder(
                        t == null ? null : t.id(),
                        symbol,
                        side,
                        quantity,
                        type,
                        type == OrderType.LIMIT ? limitPrice : null,
                        type == OrderType.STOP ? stopPrice : null,
                        timeInForce,
                        refusedBy == null ? OrderStatus.NEW : OrderStatus.REJECTED,
                        refusedBy,
                        null,
                        null,
                        "manual " + type.code() + " order" + (refusedBy == null ? "" : "; refused by " + refusedBy),
                        null,
                        null,
                        ref,
                        now,
                        now);
                return orders.insert(s, portfolioId, o);
            });
        } catch (UnknownSymbolException e) {
            throw new BadInputException("symbol", symbol, e.getMessage(), List.of("a stored ticker"));
        }
        cache.changed(portfolioId);
        StoredOrder o = stored.orElseThrow(() -> new BadInputException(
                "client_order_id", ref, "the portfolio already has an order " + ref, List.of("a new client order id")));
        if (o.status() == OrderStatus.REJECTED && PaperTradingService.SESSION_LIMITS.contains(o.rejectReason())) {
            tradingEvents.accept(List.of(PaperTradingService.breach(
                    t, symbol, o.rejectReason(), quantity, "manual order " + o.id() + " refused")));
        }
        return o;
    }

    /** Cancels an open order; empty result when it is not open. */
    public Optional<StoredOrder> cancel(long orderId) {
        StoredOrder o = orderReads.find(orderId).orElseThrow(() -> orderNotFound(orderId));
        Optional<StoredOrder> cancelled = orders.cancel(orderId, clock.instant());
        cache.changed(o.portfolioId());
        return cancelled;
    }

    /**
     * Cancels an open order, or refuses one that is not open (filled, rejected, or cancelled already: a second cancel)
     * naming its status, so the caller can say why nothing happened.
     *
     * @throws NotFoundException for an order that does not exist
     * @throws BadInputException for an order that is not open, naming its status
     */
    public StoredOrder cancelOpen(long orderId) {
        return cancel(orderId).orElseThrow(() -> {
            // read again: the status that made the cancel miss, which may have changed since cancel's own read
            OrderStatus status = orderReads
                    .find(orderId)
                    .orElseThrow(() -> orderNotFound(orderId))
                    .status();
            return new BadInputException(
                    "order",
                    Long.toString(orderId),
                    "order " + orderId + " is not open (" + status.code() + "): only a new or partially filled order"
                            + " can be cancelled",
                    java.util.Arrays.stream(OrderStatus.values())
                            .filter(OrderStatus::isOpen)
                            .map(OrderStatus::code)
                            .toList());
        });
    }

    public List<StoredPosition> positions(long portfolioId, Timeframe markTimeframe) {
        List<List<StoredPosition>> found = cache.marked(
                portfolioId,
                markTimeframe,
                "positions",
                () -> reads.withPositions(portfolioId, markTimeframe)
                        .map(v -> List.of(List.copyOf(v.positions())))
                        .orElse(List.of()));
        return found.stream().findFirst().orElseThrow(() -> notFound(portfolioId));
    }

    private static NotFoundException orderNotFound(long id) {
        return new NotFoundException("order", "" + id, "no order " + id);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("portfolio", "" + id, "no portfolio " + id);
    }
}
