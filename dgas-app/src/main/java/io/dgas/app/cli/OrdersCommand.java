package io.dgas.app.cli;

import io.dgas.app.trading.LedgerAmounts;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import io.dgas.store.ledger.StoredOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas orders list|place|cancel}: the CLI face of the orders routes, over the same service methods. */
@Command(
        name = "orders",
        description = "Orders of a portfolio: list, place, cancel.",
        subcommands = {OrdersCommand.ListOrders.class, OrdersCommand.Place.class, OrdersCommand.Cancel.class})
final class OrdersCommand {
    private OrdersCommand() {}

    static void print(Output o, List<StoredOrder> orders) {
        o.table(
                List.of("id", "time", "symbol", "side", "qty", "filled", "status", "reason", "rationale"),
                orders.stream()
                        .map(x -> List.of(
                                "" + x.id(),
                                x.createdAt().toString(),
                                x.symbol(),
                                x.side().name().toLowerCase(java.util.Locale.ROOT),
                                x.quantity().stripTrailingZeros().toPlainString(),
                                x.filledQuantity().stripTrailingZeros().toPlainString(),
                                x.status().code(),
                                x.rejectReason() == null ? "" : x.rejectReason(),
                                x.rationale() == null ? "" : x.rationale()))
                        .toList());
    }

    @Command(name = "list", description = "A portfolio's orders, newest first.")
    static final class ListOrders extends BaseCommand {
        @picocli.CommandLine.Mixin
        PortfolioId portfolio;

        @Option(names = "--status", description = "new, partially_filled, filled, cancelled or rejected")
        String status;

        @Option(names = "--limit", defaultValue = "100", description = "default 100")
        int limit;

        @Override
        public Integer call() {
            OrderStatus s;
            try {
                s = status == null ? null : OrderStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw new BadArgumentException("--status: " + e.getMessage());
            }
            List<StoredOrder> all = PortfolioCommand.service(this)
                    .orders(portfolio.value(), s, OptionRanges.between("--limit", limit, 1, 100_000));
            out().result(all, () -> print(out(), all));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "place",
            description = "Place a manual order: it fills at the first bar after now in the paper cycle (market at the"
                    + " open, limit or stop when a bar trades through the price). The session's limits (--session,"
                    + " else the portfolio's newest active one) are checked first: an order they refuse or would cap"
                    + " is stored as rejected with the limit (exit 1).")
    static final class Place extends BaseCommand {
        static final List<String> TIME_IN_FORCE = List.of("day", "gtc", "ioc", "fok");

        @picocli.CommandLine.Mixin
        PortfolioId portfolio;

        @Option(names = "--symbol", required = true, description = "ticker")
        String symbol;

        @Option(names = "--side", required = true, description = "buy or sell")
        String side;

        @Option(names = "--quantity", required = true, description = "units, above 0")
        BigDecimal quantity;

        @Option(names = "--type", defaultValue = "market", description = "market, limit or stop (default market)")
        String type;

        @Option(names = "--limit-price", description = "limit price (limit orders)")
        Double limitPrice;

        @Option(names = "--stop-price", description = "stop price (stop orders)")
        Double stopPrice;

        @Option(
                names = "--tif",
                defaultValue = "gtc",
                description = "time in force: day, gtc, ioc or fok (default gtc)")
        String tif;

        @Option(names = "--session", description = "the active session it belongs to (default: the newest active one)")
        Long session;

        @Option(names = "--client-order-id", description = "unique per portfolio (default: made up)")
        String clientOrderId;

        @Override
        public Integer call() {
            String s = side.trim().toLowerCase(Locale.ROOT);
            if (!List.of("buy", "sell").contains(s)) {
                throw new BadArgumentException("--side", side, "--side must be buy or sell, got '" + side + "'");
            }
            OrderType t;
            try {
                t = OrderType.of(type.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadArgumentException("--type", type, "--type: " + e.getMessage());
            }
            // the service names the API's fields (limit_price): said here with the options' names
            if (t == OrderType.LIMIT && limitPrice == null) {
                throw new BadArgumentException("--limit-price", null, "--type limit needs --limit-price");
            }
            if (t == OrderType.STOP && stopPrice == null) {
                throw new BadArgumentException("--stop-price", null, "--type stop needs --stop-price");
            }
            if (!TIME_IN_FORCE.contains(tif)) {
                throw new BadArgumentException("--tif", tif, "--tif must be day, gtc, ioc or fok, got '" + tif + "'");
            }
            LedgerAmounts.quantity("--quantity", quantity);
            LedgerAmounts.price("--limit-price", limitPrice);
            LedgerAmounts.price("--stop-price", stopPrice);
            StoredOrder o = PortfolioCommand.service(this)
                    .place(
                            portfolio.value(),
                            session,
                            symbol.trim().toUpperCase(Locale.ROOT),
                            Side.valueOf(s.toUpperCase(Locale.ROOT)),
                            quantity,
                            t,
                            limitPrice,
                            stopPrice,
                            tif,
                            clientOrderId);
            boolean refused = o.status() == OrderStatus.REJECTED;
            out().result(o, () -> out().line(refused ? refusedLine(o) : placedLine(o)));
            return refused ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        private static String refusedLine(StoredOrder o) {
            return "order " + o.id() + " refused by the session's " + o.rejectReason() + " (stored as rejected)";
        }

        /** The order as placed, and the session that will fill it (it fills only in a session's paper cycle). */
        private String placedLine(StoredOrder o) {
            String what = "order " + o.id() + " placed: " + o.side().name().toLowerCase(Locale.ROOT) + " "
                    + o.quantity().stripTrailingZeros().toPlainString() + " " + o.symbol() + " "
                    + o.type().code();
            return what
                    + (o.sessionId() == null
                            ? "; the portfolio has no active session, so it waits for one (dgas session start "
                                    + portfolio.value() + " …)"
                            : " in session " + o.sessionId());
        }
    }

    @Command(name = "cancel", description = "Cancel an open order (one not open: exit 2, naming its status).")
    static final class Cancel extends BaseCommand {
        @Parameters(paramLabel = "ORDER_ID", description = "order id")
        long id;

        @Override
        public Integer call() {
            PortfolioCommand.service(this).cancelOpen(id);
            out().result(java.util.Map.of("id", id, "cancelled", true), () -> out().line("order " + id + " cancelled"));
            return ExitCodes.OK;
        }
    }
}
