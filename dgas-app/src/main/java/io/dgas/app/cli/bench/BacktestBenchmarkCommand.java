package io.dgas.app.cli.bench;

import io.dgas.app.cli.*;
import io.dgas.app.trading.BacktestBenchmark;
import io.dgas.domain.Timeframe;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark backtest}: backtest bar-steps per second against the engine's incremental rate. */
@Command(
        name = "backtest",
        description = "Backtest bar-steps/s on synthetic daily and 1-minute bars vs the incremental analyzers alone"
                + " (goal: ratio >= 0.5) and vs the signal engine alone (the ledger's own share).")
final class BacktestBenchmarkCommand extends BaseCommand {
    @Option(names = "--daily-symbols", defaultValue = "100", description = "symbols of daily bars (100)")
    int dailySymbols;

    @Option(names = "--daily-bars", defaultValue = "2520", description = "daily bars per symbol (2520 = 10 years)")
    int dailyBars;

    @Option(names = "--minute-symbols", defaultValue = "10", description = "symbols of 1-minute bars (10)")
    int minuteSymbols;

    @Option(
            names = "--minute-bars",
            defaultValue = "98280",
            description = "1-minute bars per symbol (98280 = 1 year of 390-minute sessions)")
    int minuteBars;

    @Override
    public Integer call() {
        check("--daily-symbols", dailySymbols);
        check("--daily-bars", dailyBars);
        check("--minute-symbols", minuteSymbols);
        check("--minute-bars", minuteBars);
        // a scenario with 0 symbols or 0 bars is skipped, so one shape can be measured alone
        List<BacktestBenchmark.Figures> f = new java.util.ArrayList<>();
        if (dailySymbols > 0 && dailyBars > 0) {
            f.add(BacktestBenchmark.run("daily", dailySymbols, dailyBars, Timeframe.D1, Timeframe.W1));
        }
        if (minuteSymbols > 0 && minuteBars > 0) {
            f.add(BacktestBenchmark.run("1-minute", minuteSymbols, minuteBars, Timeframe.M1, Timeframe.M15));
        }
        out().result(
                        f,
                        () -> f.forEach(x -> out().line(String.format(
                                Locale.ROOT,
                                "%-8s %3d x %6d bars: backtest %,10.0f steps/s, %d fills%n"
                                        + "  vs analyzers alone     %,10.0f steps/s: ratio %.3f (goal >= %.1f: %s)%n"
                                        + "  vs signal engine alone %,10.0f steps/s: ratio %.3f (ledger's share of a"
                                        + " backtest's time: %.0f %%)",
                                x.scenario(),
                                x.symbols(),
                                x.barsPerSymbol(),
                                x.backtestStepsPerSecond(),
                                x.fills(),
                                x.engineStepsPerSecond(),
                                x.ratio(),
                                BacktestBenchmark.GOAL,
                                x.goalMet() ? "met" : "not met",
                                x.signalEngineStepsPerSecond(),
                                x.signalEngineRatio(),
                                100 * (1 - x.signalEngineRatio())))));
        return ExitCodes.OK;
    }

    private static void check(String option, int value) {
        if (value < 0 || value > 10_000_000) {
            throw new BadArgumentException(option + " must be between 0 and 10,000,000 (0 skips the scenario)");
        }
    }
}
