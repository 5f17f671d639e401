package io.dgas.app.cli.bench;

import io.dgas.app.cli.*;
import picocli.CommandLine.Command;

/** {@code dgas benchmark …}: measured comparisons on the current server. */
@Command(
        name = "benchmark",
        description = "Benchmarks on the current database server.",
        subcommands = {
            IngestBenchmarkCommand.class,
            CycleBenchmarkCommand.class,
            ApiBenchmarkCommand.class,
            BacktestBenchmarkCommand.class,
            EngineBenchmarkCommand.class,
            LedgerBenchmarkCommand.class,
            BenchmarkHistoryCommands.RunStandard.class,
            BenchmarkHistoryCommands.Run.class,
            BenchmarkHistoryCommands.Report.class,
            BenchmarkHistoryCommands.Compare.class
        })
public final class BenchmarkCommand {}
