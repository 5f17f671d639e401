package io.dgas.app.cli;

import io.dgas.ledger.PaperRules;
import picocli.CommandLine.Option;

/** The paper-rule options shared by {@code dgas backtest} and {@code dgas session start}. */
final class PaperRulesOptions {
    @Option(
            names = "--sizing",
            defaultValue = "percent_equity:10",
            description = "fixed_quantity:N, fixed_cash:X or percent_equity:P (default percent_equity:10)")
    String sizing;

    @Option(names = "--slippage-bps", defaultValue = "5", description = "slippage in basis points (default 5)")
    double slippageBps;

    @Option(
            names = "--commission",
            defaultValue = "per_share=0,percent=0,min=0",
            description = "per_share=X,percent=Y,min=Z (default all 0)")
    String commission;

    PaperRules rules() {
        return BacktestCommand.rules(sizing, slippageBps, commission);
    }
}
