package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numeric options out of range are refused before any work, exit 2, with one line naming the option, the accepted
 * range and the value. Before, a negative count reached SQL ({@code LIMIT must not be negative}) or a list
 * ({@code fromIndex(0) > toIndex(-1)}), and negative windows and thresholds were taken as given.
 */
class NumericOptionsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    private CliRun run(List<String> args) {
        return CliRun.of(
                Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", PG.jdbcUrl()), args.toArray(String[]::new));
    }

    /** {@code orders place 1 --symbol AAPL --side buy} with {@code options}. */
    private static List<String> buy(String... options) {
        List<String> args =
                new java.util.ArrayList<>(List.of("orders", "place", "1", "--symbol", "AAPL", "--side", "buy"));
        args.addAll(List.of(options));
        return args;
    }

    @Test
    void numericOption_outOfRange_exits2NamingOptionRangeAndValue() {
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(
                        List.of("analyze", "AAPL", "--lookback", "-1"),
                        "--lookback must be an integer from 3 to 100000, not -1"),
                Map.entry(
                        List.of("analyze", "AAPL", "--rows", "0"), "--rows must be an integer from 1 to 100000, not 0"),
                Map.entry(
                        List.of("alerts", "log", "--limit", "-1"),
                        "--limit must be an integer from 1 to 100000, not -1"),
                Map.entry(
                        List.of("monitor", "database", "--limit", "-2"),
                        "--limit must be an integer from 1 to 100000, not -2"),
                Map.entry(
                        List.of("db-optimizer", "suggest-indexes", "--limit", "-1"),
                        "--limit must be an integer from 1 to 100000, not -1"),
                Map.entry(
                        List.of("db-optimizer", "slow-queries", "--min-calls", "-1"),
                        "--min-calls must be an integer from 0 up, not -1"),
                Map.entry(
                        List.of("db-optimizer", "slow-queries", "--min-mean", "-1"),
                        "--min-mean must be a number from 0 to 86400000, not -1"),
                Map.entry(
                        List.of("monitor", "calibration", "--days", "0"),
                        "--days must be an integer from 1 to 36500, not 0"),
                Map.entry(
                        List.of("monitor", "recent-runs", "--hours", "-1"),
                        "--hours must be an integer from 1 to 87600, not -1"),
                Map.entry(
                        List.of("monitor", "signals", "--min-confidence", "1.5"),
                        "--min-confidence must be a number from 0 to 1, not 1.5"),
                Map.entry(
                        List.of("orders", "list", "1", "--limit", "-1"),
                        "--limit must be an integer from 1 to 100000, not -1"),
                Map.entry(
                        List.of("portfolio", "show", "1", "--trades", "-1"),
                        "--trades must be an integer from 0 to 100000, not -1"),
                Map.entry(
                        List.of("backtest", "AAPL", "--from", "2024-01-01", "--to", "2024-02-01", "--capital", "-1"),
                        "--capital must be more than 0 and below 1000000000000, not -1"),
                // amounts the ledger's numeric(20, 8) cannot hold, or would round to 0, reached SQL
                Map.entry(
                        List.of("backtest", "AAPL", "--from", "2024-01-01", "--to", "2024-02-01", "--capital", "1e13"),
                        "--capital must be more than 0 and below 1000000000000, not 10000000000000"),
                Map.entry(
                        List.of("portfolio", "create", "p", "--capital", "-5"),
                        "capital must be more than 0 and below 1000000000000, not -5"),
                Map.entry(
                        List.of("portfolio", "create", "p", "--capital", "1e400"),
                        "capital must be more than 0 and below 1000000000000, not 1E+400"),
                Map.entry(
                        buy("--quantity", "0.000000001"),
                        "--quantity must be more than 0 and below 1000000000000 with at most 8 decimals,"
                                + " not 0.000000001"),
                Map.entry(
                        buy("--quantity", "1e12"),
                        "--quantity must be more than 0 and below 1000000000000 with at most 8 decimals,"
                                + " not 1000000000000"),
                Map.entry(
                        buy("--quantity", "1", "--type", "limit", "--limit-price", "1e400"),
                        "--limit-price must be more than 0 and below 1000000000000, not Infinity"),
                Map.entry(
                        List.of(
                                "session",
                                "start",
                                "1",
                                "--max-position",
                                "1e13",
                                "--max-gross",
                                "100",
                                "--max-daily-loss",
                                "10"),
                        "max position value must be > 0 and below 1000000000000: 1E+13"));
        cases.forEach((args, message) -> {
            CliRun r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("error: " + message + "\n");
        });
    }

    @Test
    void analyze_storedSymbolWithSignalFlag_validatesTheFlagAsTheFileModeDoes() {
        CliRun r = run(List.of("analyze", "AAPL", "--expiry-bars", "-1"));

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: --expiry-bars must be an integer from 1 to 10000\n");
    }
}
