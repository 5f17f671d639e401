package io.dgas.app.cli;

import io.dgas.domain.Timeframe;
import picocli.CommandLine.Option;

/** The portfolio and marking-timeframe options of {@code dgas positions} and {@code dgas risk}. */
final class PortfolioOptions {
    @Option(names = "--portfolio", required = true, description = "portfolio id")
    long portfolio;

    @Option(
            names = "--mark",
            defaultValue = "1h",
            description = "timeframe of the marking close (default 1h, as the API; a symbol without its bars is marked"
                    + " at its newest bar)")
    String mark;

    Timeframe markTimeframe() {
        return PortfolioCommand.timeframe("--mark", mark);
    }
}
