package io.dgas.app.cli;

import io.dgas.ledger.OrderStatus;
import io.dgas.store.ledger.StoredOrder;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas orders list|cancel}. */
@Command(
        name = "orders",
        description = "Orders of a portfolio: list, cancel.",
        subcommands = {OrdersCommand.ListOrders.class, OrdersCommand.Cancel.class})
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
            List<StoredOrder> all = PortfolioCommand.service(this).orders(portfolio.value(), s, limit);
            out().result(all, () -> print(out(), all));
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel an open order.")
    static final class Cancel extends BaseCommand {
        @Parameters(paramLabel = "ORDER_ID", description = "order id")
        long id;

        @Override
        public Integer call() {
            var cancelled = PortfolioCommand.service(this).cancel(id);
            out().result(
                            java.util.Map.of("id", id, "cancelled", cancelled.isPresent()),
                            () -> out().line(
                                            cancelled.isPresent()
                                                    ? "order " + id + " cancelled"
                                                    : "order " + id + " is not open"));
            return cancelled.isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
