package io.dgas.app.cli;

import io.dgas.app.trading.RiskReport;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dgas risk}: a portfolio's risk diagnostics against its session's limits. */
@Command(name = "risk", description = "Exposure, concentration, daily P&L against the loss limit, open orders.")
final class RiskCommand extends BaseCommand {
    @Mixin
    PortfolioOptions target;

    @Override
    public Integer call() {
        RiskReport r = context().risk().of(target.portfolio(), target.markTimeframe());
        out().result(r, () -> {
            var x = r.exposure();
            out().line(String.format(
                    Locale.ROOT,
                    "equity %s, gross %s, net %s",
                    Output.money(r.equity()),
                    Output.money(x.gross()),
                    Output.money(x.net())));
            // no position: no largest one nor a share of a gross of 0 to state (it read "largest - (0.0% of gross)")
            out().line(
                            x.largestSymbol() == null
                                    ? "largest position none"
                                    : String.format(
                                            Locale.ROOT,
                                            "largest %s (%.1f%% of gross), Herfindahl %.3f",
                                            x.largestSymbol(),
                                            100 * x.largestShare(),
                                            x.herfindahl()));
            out().line(String.format(
                    Locale.ROOT,
                    "daily P&L %s%s; open orders %d",
                    Output.money(r.dailyPnl()),
                    r.limits() == null
                            ? " (no active session)"
                            : " against a loss limit of "
                                    + Output.money(r.limits().maxLossPerDay())
                                    + (r.lossLimitBreached() ? ": BREACHED" : ""),
                    r.openOrders()));
        });
        return ExitCodes.OK;
    }
}
