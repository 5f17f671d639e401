package io.dgas.app.cli;

import io.dgas.domain.Timeframe;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The portfolio and marking-timeframe options of {@code dgas positions}, {@code dgas risk}, {@code portfolio show} and
 * {@code portfolio equity}.
 */
final class PortfolioOptions {
    @Mixin
    PortfolioId portfolio;

    @Option(
            names = "--mark",
            defaultValue = "1h",
            description = "timeframe of the marking close (default 1h, as the API; a symbol without its bars is marked"
                    + " at its newest bar)")
    String mark;

    long portfolio() {
        return portfolio.value();
    }

    Timeframe markTimeframe() {
        return PortfolioCommand.timeframe("--mark", mark);
    }
}
