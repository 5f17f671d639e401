package io.dgas.app.cli.bench;

import io.dgas.app.bench.LedgerBenchmark;
import io.dgas.app.cli.*;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas benchmark ledger}: statements and p50/p95 of a large portfolio's summary read. */
@Command(
        name = "ledger",
        description = "Portfolio summary read (positions, latest trades with executions): statements and p50/p95.")
final class LedgerBenchmarkCommand extends BaseCommand {
    @Option(names = "--positions", defaultValue = "1000", description = "positions (default 1000)")
    int positions;

    @Option(names = "--executions", defaultValue = "100000", description = "executions (default 100000)")
    int executions;

    @Option(names = "--trades", defaultValue = "100", description = "latest trades shown (default 100, as the page)")
    int trades;

    @Option(names = "--reads", defaultValue = "200", description = "measured reads (default 200)")
    int reads;

    @Override
    public Integer call() {
        if (positions < 1 || executions < 2 || trades < 0 || reads < 20) {
            throw new BadArgumentException(
                    "--positions >= 1, --executions >= 2, --trades >= 0 and --reads >= 20 are required");
        }
        Map<String, Object> f =
                new LedgerBenchmark(context().database(), out()::info).run(positions, executions, trades, reads);
        out().result(f, () -> out().fields(f));
        return ExitCodes.OK;
    }
}
