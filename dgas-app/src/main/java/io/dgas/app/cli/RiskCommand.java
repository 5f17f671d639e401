package io.dgas.app.cli;

import io.dgas.app.trading.RiskReport;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas risk}: a portfolio's risk diagnostics against its session's limits. */
@Command(name = "risk", description = "Exposure, concentration, daily P&L against the loss limit, open orders.")
final class RiskCommand extends BaseCommand {
    @Option(names = "--portfolio", required = true, description = "portfolio id")
    long portfolio;

    @Option(names = "--mark", defaultValue = "1d", description = "timeframe of the marking close (default 1d)")
    String mark;

    @Override
    public Integer call() {
        RiskReport r = context().risk().of(portfolio, PortfolioCommand.timeframe("--mark", mark));
        out().result(r, () -> {
            var x = r.exposure();
            out().line(String.format(
                    Locale.ROOT,
                    "equity %s, gross %s, net %s",
                    r.equity().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                    x.gross().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                    x.net().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()));
            out().line(String.format(
                    Locale.ROOT,
                    "largest %s (%.1f%% of gross), Herfindahl %.3f",
                    x.largestSymbol() == null ? "-" : x.largestSymbol(),
                    100 * x.largestShare(),
                    x.herfindahl()));
            out().line(String.format(
                    Locale.ROOT,
                    "daily P&L %s%s; open orders %d",
                    r.dailyPnl().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                    r.limits() == null
                            ? " (no active session)"
                            : " against a loss limit of "
                                    + r.limits()
                                            .maxLossPerDay()
                                            .stripTrailingZeros()
                                            .toPlainString() + (r.lossLimitBreached() ? ": BREACHED" : ""),
                    r.openOrders()));
        });
        return ExitCodes.OK;
    }
}
