package io.dgas.app.cli;

import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.ledger.TradingSession;
import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgas session start|stop|list}: trading sessions; a paper session trades the cycle's signals. */
@Command(
        name = "session",
        description = "Trading sessions: start (paper), stop, list.",
        subcommands = {SessionCommand.Start.class, SessionCommand.Stop.class, SessionCommand.ListSessions.class})
final class SessionCommand {
    private SessionCommand() {}

    @Command(name = "start", description = "Start a paper session on a portfolio.")
    static final class Start extends BaseCommand {
        @Parameters(paramLabel = "PORTFOLIO_ID", description = "portfolio the session trades")
        long portfolio;

        @Option(names = "--max-position", required = true, description = "max position value per symbol")
        BigDecimal maxPosition;

        @Option(names = "--max-gross", required = true, description = "max gross exposure")
        BigDecimal maxGross;

        @Option(names = "--max-daily-loss", required = true, description = "max loss per day")
        BigDecimal maxDailyLoss;

        @Option(names = "--max-orders-per-minute", defaultValue = "60", description = "default 60")
        int maxOrders;

        @Option(
                names = "--max-participation",
                defaultValue = "0",
                description = "largest fraction (0..1) of a bar's volume one fill may take; 0 (default): no cap")
        double maxParticipation;

        @Mixin
        PaperRulesOptions paper;

        @Override
        public Integer call() {
            TradingSession t;
            try {
                PaperRules rules = paper.rules();
                RiskLimits limits = new RiskLimits(maxPosition, maxGross, maxDailyLoss, maxOrders);
                t = PortfolioCommand.service(this).startSession(portfolio, "paper", limits, rules, maxParticipation);
            } catch (IllegalArgumentException e) {
                throw new BadArgumentException(e.getMessage());
            }
            out().result(t, () -> out().line("paper session " + t.id() + " started on portfolio " + portfolio));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", description = "Stop a session.")
    static final class Stop extends BaseCommand {
        @Parameters(paramLabel = "SESSION_ID", description = "session id")
        long id;

        @Override
        public Integer call() {
            boolean stopped = PortfolioCommand.service(this).stopSession(id);
            out().result(
                            java.util.Map.of("id", id, "stopped", stopped),
                            () -> out().line(
                                            stopped
                                                    ? "session " + id + " stopped"
                                                    : "session " + id + " was not active"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List sessions, newest first.")
    static final class ListSessions extends BaseCommand {
        @Option(names = "--portfolio", description = "only this portfolio's")
        Long portfolio;

        @Option(names = "--stopped", description = "include stopped sessions")
        boolean stopped;

        @Override
        public Integer call() {
            List<TradingSession> all = PortfolioCommand.service(this).sessions(portfolio, stopped, 1000);
            out().result(
                            all,
                            () -> out().table(
                                            List.of(
                                                    "id",
                                                    "portfolio",
                                                    "mode",
                                                    "status",
                                                    "sizing",
                                                    "max position",
                                                    "max gross",
                                                    "max daily loss"),
                                            all.stream()
                                                    .map(t -> List.of(
                                                            "" + t.id(),
                                                            "" + t.portfolioId(),
                                                            t.mode(),
                                                            t.status(),
                                                            t.rules().sizing().code() + ":"
                                                                    + t.rules()
                                                                            .sizingValue()
                                                                            .stripTrailingZeros()
                                                                            .toPlainString(),
                                                            Output.money(
                                                                    t.limits().maxPositionValue()),
                                                            Output.money(
                                                                    t.limits().maxGrossExposure()),
                                                            Output.money(
                                                                    t.limits().maxLossPerDay())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }
}
