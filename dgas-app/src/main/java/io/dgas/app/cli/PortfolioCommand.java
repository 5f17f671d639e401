package io.dgas.app.cli;

import io.dgas.app.trading.LedgerApiService;
import io.dgas.app.trading.PortfolioService;
import io.dgas.domain.Timeframe;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas portfolio create|list|show|equity|close}: thin over {@link PortfolioService} and {@link LedgerApiService}. */
@Command(
        name = "portfolio",
        description = "Trading portfolios: create, list, show, equity, close.",
        subcommands = {
            PortfolioCommand.Create.class,
            PortfolioCommand.ListPortfolios.class,
            PortfolioCommand.Show.class,
            PortfolioCommand.Equity.class,
            PortfolioCommand.Close.class
        })
final class PortfolioCommand {
    private PortfolioCommand() {}

    static PortfolioService service(BaseCommand c) {
        return c.context().portfolios();
    }

    static Timeframe timeframe(String option, String value) {
        try {
            return Timeframe.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(option + ": " + e.getMessage());
        }
    }

    @Command(name = "create", description = "Create a portfolio.")
    static final class Create extends BaseCommand {
        @Parameters(paramLabel = "NAME", description = "portfolio name, unique per owner")
        String name;

        @Option(names = "--owner", defaultValue = "default", description = "owner (default: default)")
        String owner;

        @Option(names = "--capital", required = true, description = "starting capital")
        BigDecimal capital;

        @Option(names = "--currency", defaultValue = "USD", description = "base currency, 3 letters (default USD)")
        String currency;

        @Override
        public Integer call() {
            Portfolio p;
            try {
                p = service(this).create(owner, name, currency, capital);
            } catch (IllegalArgumentException e) {
                throw new BadArgumentException(e.getMessage());
            }
            out().result(p, () -> out().line("portfolio " + p.id() + " created: " + p.owner() + "/" + p.name()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List portfolios, newest first.")
    static final class ListPortfolios extends BaseCommand {
        @Option(names = "--owner", description = "only this owner's")
        String owner;

        @Option(names = "--closed", description = "include closed portfolios")
        boolean closed;

        @Override
        public Integer call() {
            List<Portfolio> all = service(this).list(owner, closed, 1000);
            out().result(
                            all,
                            () -> out().table(
                                            List.of("id", "owner", "name", "currency", "capital", "active"),
                                            all.stream()
                                                    .map(p -> List.of(
                                                            "" + p.id(),
                                                            p.owner(),
                                                            p.name(),
                                                            p.currency(),
                                                            Output.money(p.startingCapital()),
                                                            "" + p.active()))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "A portfolio with its positions and latest trades.")
    static final class Show extends BaseCommand {
        @Mixin
        PortfolioOptions target;

        @Option(names = "--trades", defaultValue = "20", description = "latest trades shown (default 20)")
        int trades;

        @Override
        public Integer call() {
            PortfolioView v = service(this)
                    .show(
                            target.portfolio(),
                            target.markTimeframe(),
                            OptionRanges.between("--trades", trades, 0, 100_000));
            out().result(v, () -> {
                Portfolio p = v.portfolio();
                out().line(String.format(
                        Locale.ROOT,
                        "portfolio %d %s/%s, %s %s, %s",
                        p.id(),
                        p.owner(),
                        p.name(),
                        Output.money(p.startingCapital()),
                        p.currency(),
                        p.active() ? "active" : "closed"));
                PositionsCommand.print(out(), v.positions());
                out().line("");
                OrdersCommand.print(
                        out(), v.trades().stream().map(t -> t.order()).toList());
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "equity",
            description = "A portfolio's equity curve, oldest first, ending at the current mark (latest closes).")
    static final class Equity extends BaseCommand {
        @Mixin
        PortfolioOptions target;

        @Override
        public Integer call() {
            var ctx = context();
            List<LedgerApiService.CurvePoint> curve = new LedgerApiService(
                            ctx.database(), service(this), ctx.risk(), ctx.clock())
                    .curve(target.portfolio(), java.time.Instant.EPOCH, null, target.markTimeframe());
            out().result(
                            curve,
                            () -> out().table(
                                            List.of("time", "cash", "equity", "drawdown %", "point"),
                                            curve.stream()
                                                    .map(p -> List.of(
                                                            p.ts().toString(),
                                                            Output.money(p.cash()),
                                                            Output.money(p.equity()),
                                                            String.format(Locale.ROOT, "%.2f", 100 * p.drawdown()),
                                                            p.mark() ? "current mark" : "snapshot"))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "close", description = "Close a portfolio and stop its sessions.")
    static final class Close extends BaseCommand {
        @Parameters(paramLabel = "ID", description = "portfolio id")
        long id;

        @Override
        public Integer call() {
            boolean closed = service(this).close(id);
            out().result(
                            java.util.Map.of("id", id, "closed", closed),
                            () -> out().line(
                                            closed
                                                    ? "portfolio " + id + " closed"
                                                    : "portfolio " + id + " was closed already"));
            return ExitCodes.OK;
        }
    }
}
