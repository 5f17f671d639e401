package io.dgas.app.web;

import io.dgas.app.service.BadInputException;
import io.dgas.app.trading.LedgerApiService;
import io.dgas.app.trading.PortfolioService;
import io.dgas.app.trading.RiskService;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Portfolios, sessions and orders under {@code /api/v1/portfolios…}, {@code /sessions…}, {@code /orders…}: lists
 * paged, writes need the admin token. Each route parses, calls {@link PortfolioService}, {@link RiskService} or
 * {@link LedgerApiService}, renders.
 */
final class PortfolioRoutes {
    static final Param ID = Param.path("id", Type.INT, "portfolio id").range(1, Integer.MAX_VALUE);
    private static final Param SESSION =
            Param.path("id", Type.INT, "session id").range(1, Integer.MAX_VALUE);
    private static final Param ORDER = Param.path("id", Type.INT, "order id").range(1, Integer.MAX_VALUE);
    private static final Param MARK = Param.query("mark", Type.ENUM, "timeframe whose latest close marks positions")
            .oneOf(ApiV1.TIMEFRAMES)
            .withDefault("1h");
    static final String PORTFOLIO_JSON =
            "{id, owner, name, currency, starting_capital, active, kind, created_at, closed_at}";
    static final String ORDER_JSON = "{id, portfolio_id, session_id, symbol, side, quantity, filled_quantity, type,"
            + " limit_price, stop_price, time_in_force, status, reject_reason, signal_id, confidence, rationale,"
            + " exit_stop, exit_target, client_order_id, fill_after, created_at, updated_at}";
    private static final String SESSION_JSON =
            "{id, portfolio_id, mode, status, limits: {…}, rules: {…}, started_at, stopped_at}";

    private PortfolioRoutes() {}

    static List<Route> routes(
            Supplier<PortfolioService> portfolios,
            Supplier<RiskService> risk,
            Supplier<LedgerApiService> ledger,
            Clock clock) {
        return List.of(
                Route.get(
                        "/api/v1/portfolios",
                        "Trading portfolios (backtests' own portfolios excluded), newest first",
                        ApiV1.concat(
                                List.of(
                                        Param.query("owner", Type.STRING, "exact owner"),
                                        Param.query("include_closed", Type.BOOL, "closed ones too")
                                                .withDefault("false")),
                                paging()),
                        "{items: [" + PORTFOLIO_JSON + "], limit, offset, next_offset}",
                        (c, a) -> ledger.get()
                                .portfolios(a.get("owner"), a.get("include_closed"), a.get("limit"), a.get("offset"))),
                Route.admin(
                                "POST",
                                "/api/v1/portfolios",
                                "Create a portfolio",
                                List.of(
                                        Param.body("owner", Type.STRING, "owner")
                                                .withRequired(),
                                        Param.body("name", Type.STRING, "name, unique per owner")
                                                .withRequired(),
                                        Param.body("currency", Type.STRING, "base currency")
                                                .withDefault("USD"),
                                        money("capital", "starting capital")),
                                PORTFOLIO_JSON,
                                (c, a) -> {
                                    Object p;
                                    try {
                                        p = portfolios
                                                .get()
                                                .create(
                                                        a.get("owner"),
                                                        a.get("name"),
                                                        a.get("currency"),
                                                        decimal(a.raw("capital")));
                                    } catch (IllegalArgumentException e) {
                                        throw new BadInputException(
                                                "name", a.get("name"), e.getMessage(), List.of("a name new for owner"));
                                    }
                                    return p;
                                })
                        .created(),
                Route.get(
                        "/api/v1/portfolios/{id}",
                        "A portfolio with its positions (unrealized P&L marked at the latest close) and latest trades"
                                + " (orders with their executions); a fixed number of statements",
                        List.of(
                                ID,
                                MARK,
                                Param.query("trades", Type.INT, "latest trades")
                                        .withDefault("50")
                                        .range(0, 1000)),
                        "{portfolio: " + PORTFOLIO_JSON + ", positions: [{position, exit_stop, exit_target,"
                                + " updated_at, mark}], trades: [{order, executions}]}",
                        (c, a) ->
                                portfolios.get().show(id(a), Timeframe.parse(a.get("mark")), a.<Integer>get("trades"))),
                Route.admin(
                        "POST",
                        "/api/v1/portfolios/{id}/close",
                        "Close a portfolio (its history stays)",
                        List.of(ID),
                        "{id, closed: true|false (false: it was closed already)}",
                        (c, a) -> Map.of("id", id(a), "closed", portfolios.get().close(id(a)))),
                Route.get(
                        "/api/v1/portfolios/{id}/risk",
                        "Risk figures against the newest active session's limits: exposure, concentration, daily P&L"
                                + " against the loss limit, open orders",
                        List.of(ID, MARK),
                        "{portfolio_id, exposure: {…}, equity, daily_pnl, limits: {…} | null, loss_limit_breached,"
                                + " open_orders}",
                        (c, a) -> risk.get().of(id(a), Timeframe.parse(a.get("mark")))),
                Route.get(
                        "/api/v1/portfolios/{id}/equity",
                        "A portfolio's equity snapshots with drawdown from the running peak, oldest first; a window"
                                + " reaching now ends at the live mark (mark: true, at now: the risk report's equity"
                                + " at the latest closes of mark)",
                        List.of(
                                ID,
                                Param.query("from", Type.INSTANT, "at or after (default: the beginning)"),
                                Param.query("to", Type.INSTANT, "at or before (default: now)"),
                                MARK),
                        "[{ts, cash, equity, drawdown, mark}]",
                        (c, a) -> {
                            // a reversed window was an empty curve, as if the portfolio had no history
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return ledger.get()
                                    .curve(
                                            id(a),
                                            a.has("from") ? a.get("from") : Instant.EPOCH,
                                            a.has("to") ? a.get("to") : null,
                                            Timeframe.parse(a.get("mark")));
                        }),
                Route.get(
                        "/api/v1/portfolios/{id}/performance",
                        "Daily P&L, return, average return and trades from the daily_portfolio_performance view,"
                                + " oldest first; as fresh as the last view refresh",
                        List.of(
                                ID,
                                Param.query("days", Type.INT, "days back from today (UTC), today included")
                                        .withDefault("90")
                                        .range(1, 3660)),
                        "[{day, equity, pnl, day_return, avg_return, trades}]",
                        (c, a) -> {
                            LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                            int days = a.get("days");
                            return ledger.get().performance(id(a), to.minusDays(days - 1L), to);
                        }),
                Route.get(
                        "/api/v1/portfolios/{id}/orders",
                        "A portfolio's orders, newest first",
                        ApiV1.concat(
                                List.of(
                                        ID,
                                        Param.query("status", Type.ENUM, "only this status")
                                                .oneOf(Arrays.stream(OrderStatus.values())
                                                        .map(OrderStatus::code)
                                                        .toList())),
                                paging()),
                        "{items: [" + ORDER_JSON + "], limit, offset, next_offset}",
                        (c, a) -> ledger.get()
                                .orders(
                                        id(a),
                                        a.has("status") ? OrderStatus.of(a.get("status")) : null,
                                        a.get("limit"),
                                        a.get("offset"))),
                Route.admin(
                                "POST",
                                "/api/v1/portfolios/{id}/orders",
                                "Place a manual order (JSON body); it fills at the first bar after now in the paper cycle:"
                                        + " market at the open, limit/stop when the bar trades through the price."
                                        + " Checked first against the session's limits (the given one, else the newest active"
                                        + " one) at the latest close (market) or its price: one they refuse or would cap is"
                                        + " stored as rejected with the limit, answered 422",
                                List.of(
                                        ID,
                                        Param.body("symbol", Type.TICKER, "ticker, any case")
                                                .withRequired(),
                                        Param.body("side", Type.ENUM, "buy or sell")
                                                .oneOf(List.of("buy", "sell"))
                                                .withRequired(),
                                        Param.body("quantity", Type.NUMBER, "units")
                                                .withRequired()
                                                .range(1e-8, 1e12),
                                        Param.body("type", Type.ENUM, "order type")
                                                .oneOf(Arrays.stream(OrderType.values())
                                                        .map(OrderType::code)
                                                        .toList())
                                                .withDefault("market"),
                                        Param.body("limit_price", Type.NUMBER, "limit price (limit orders)")
                                                .range(1e-8, 1e12),
                                        Param.body("stop_price", Type.NUMBER, "stop price (stop orders)")
                                                .range(1e-8, 1e12),
                                        Param.body("time_in_force", Type.ENUM, "time in force")
                                                .oneOf(List.of("day", "gtc", "ioc", "fok"))
                                                .withDefault("gtc"),
                                        Param.body("session", Type.INT, "the active session it belongs to")
                                                .range(1, Integer.MAX_VALUE),
                                        Param.body(
                                                "client_order_id",
                                                Type.STRING,
                                                "unique per portfolio (default: made up)")),
                                ORDER_JSON + "; 422 {error, parameter: \"quantity\", value, accepted, limit, order}",
                                (c, a) -> {
                                    var o = portfolios
                                            .get()
                                            .place(
                                                    id(a),
                                                    a.has("session") ? (long) a.<Integer>get("session") : null,
                                                    a.get("symbol"),
                                                    Side.valueOf(a.<String>get("side")
                                                            .toUpperCase(java.util.Locale.ROOT)),
                                                    decimal(a.raw("quantity")),
                                                    OrderType.of(a.get("type")),
                                                    a.get("limit_price"),
                                                    a.get("stop_price"),
                                                    a.get("time_in_force"),
                                                    a.get("client_order_id"));
                                    if (o.status() == OrderStatus.REJECTED) {
                                        c.status(422);
                                        return refused(o);
                                    }
                                    return o;
                                })
                        .created(),
                Route.admin(
                        "POST",
                        "/api/v1/orders/{id}/cancel",
                        "Cancel an open order",
                        List.of(ORDER),
                        "{id, cancelled: true|false (false: it was not open), order: " + ORDER_JSON + " | null}",
                        (c, a) -> {
                            var o = portfolios.get().cancel(id(a));
                            return Map.of(
                                    "id",
                                    id(a),
                                    "cancelled",
                                    o.isPresent(),
                                    "order",
                                    o.isPresent() ? o.get() : Map.of());
                        }),
                Route.get(
                        "/api/v1/sessions",
                        "Trading sessions, newest first",
                        ApiV1.concat(
                                List.of(
                                        Param.query("portfolio", Type.INT, "only this portfolio's")
                                                .range(1, Integer.MAX_VALUE),
                                        Param.query("include_stopped", Type.BOOL, "stopped ones too")
                                                .withDefault("false")),
                                paging()),
                        "{items: [" + SESSION_JSON + "], limit, offset, next_offset}",
                        (c, a) -> ledger.get()
                                .sessions(
                                        a.has("portfolio") ? (long) a.<Integer>get("portfolio") : null,
                                        a.get("include_stopped"),
                                        a.get("limit"),
                                        a.get("offset"))),
                Route.admin(
                                "POST",
                                "/api/v1/portfolios/{id}/sessions",
                                "Start a paper session on a portfolio",
                                ApiV1.concat(
                                        List.of(
                                                ID,
                                                money("max_position", "max position value per symbol"),
                                                money("max_gross", "max gross exposure"),
                                                money("max_daily_loss", "max loss per day"),
                                                Param.body("max_orders_per_minute", Type.INT, "order rate limit")
                                                        .withDefault("60")
                                                        .range(1, 100_000)),
                                        PaperRuleParams.params(),
                                        List.of(Param.body(
                                                        "max_participation",
                                                        Type.NUMBER,
                                                        "largest fraction of a bar's volume one fill may take (0: no cap)")
                                                .withDefault("0")
                                                .range(0, 1))),
                                SESSION_JSON,
                                (c, a) -> {
                                    // every limit is in its parameter's range
                                    RiskLimits limits = new RiskLimits(
                                            decimal(a.raw("max_position")),
                                            decimal(a.raw("max_gross")),
                                            decimal(a.raw("max_daily_loss")),
                                            a.get("max_orders_per_minute"));
                                    PaperRules rules = PaperRuleParams.rules(a);
                                    TradingSession t;
                                    try {
                                        t = portfolios
                                                .get()
                                                .startSession(
                                                        id(a),
                                                        "paper",
                                                        limits,
                                                        rules,
                                                        a.<Double>get("max_participation"));
                                    } catch (IllegalArgumentException e) {
                                        throw new BadInputException(
                                                "id", "" + id(a), e.getMessage(), List.of("an open portfolio"));
                                    }
                                    return t;
                                })
                        .created(),
                Route.admin(
                        "POST",
                        "/api/v1/sessions/{id}/stop",
                        "Stop a session",
                        List.of(SESSION),
                        "{id, stopped: true|false (false: it was not active)}",
                        (c, a) ->
                                Map.of("id", id(a), "stopped", portfolios.get().stopSession(id(a)))),
                Route.get(
                        "/api/v1/sessions/{id}/trades",
                        "A session's trades (orders with their executions), newest first",
                        ApiV1.concat(List.of(SESSION), paging()),
                        "{items: [{order: " + ORDER_JSON + ", executions: [{id, order_id, execution}]}], limit,"
                                + " offset, next_offset}",
                        (c, a) -> ledger.get().sessionTrades(id(a), a.get("limit"), a.get("offset"))));
    }

    static List<Param> paging() {
        return List.of(
                Param.query("limit", Type.INT, "page size").withDefault("100").range(1, 1000),
                Param.query("offset", Type.INT, "rows skipped")
                        .withDefault("0")
                        .range(0, LedgerApiService.MAX_WINDOW - 1000));
    }

    /** The answer to a manual order the session's limits refused (stored as rejected: {@code order}). */
    private static Map<String, Object> refused(io.dgas.store.ledger.StoredOrder o) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", "order " + o.id() + " refused by the session's " + o.rejectReason());
        body.put("parameter", "quantity");
        body.put("value", o.quantity().stripTrailingZeros().toPlainString());
        body.put("accepted", List.of("a quantity within the session's " + o.rejectReason()));
        body.put("limit", o.rejectReason());
        body.put("order", o);
        return body;
    }

    static long id(Args a) {
        return a.<Integer>get("id");
    }

    /** A required amount of {@link #optionalMoney}. */
    private static Param money(String name, String description) {
        return optionalMoney(name, description).withRequired();
    }

    /**
     * Money the ledger can store: more than 0, as the command line takes it (the least {@code numeric(20, 8)} holds
     * above 0 is 10^-8), and less than 10^12 ({@link io.dgas.ledger.Money#LIMIT}); the API refused less than 0.01.
     */
    static Param optionalMoney(String name, String description) {
        return Param.body(name, Type.NUMBER, description).range(0.00000001, 999_999_999_999.99);
    }

    private static BigDecimal decimal(String raw) {
        return PaperRuleParams.decimal(raw);
    }
}
