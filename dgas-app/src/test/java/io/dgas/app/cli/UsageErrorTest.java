package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line picocli refuses: exit 2, one "error: " line and where to get help; no database involved. */
class UsageErrorTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(
                args, Map.of("DGAS_HOME", dir.toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void run_missingRequiredGroup_saysErrorOnce() {
        String[] r = run("aggregate", "--from", "1h", "--to", "4h");

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).startsWith("error: Missing required argument").doesNotContain("Error:");
        assertThat(r[1]).contains("try 'dgas aggregate --help'");
    }

    @Test
    void run_missingRequiredGroupWithJson_errorFieldHasNoSecondPrefix() {
        String[] r = run("aggregate", "--from", "1h", "--to", "4h", "--json");

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("\"error\":\"Missing required argument").doesNotContain("Error:");
    }

    @Test
    void run_unknownSubcommandWithHelp_isRefusedWithSuggestions() {
        String[] r = run("db", "retention", "--help");

        // the help of db and exit 0, as if 'retention' were one of its commands
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1])
                .startsWith("error: Unmatched argument at index 1: 'retention'")
                .contains("try 'dgas db --help'");
        assertThat(run("db", "--help")[0]).isEqualTo("0");
    }

    @Test
    void run_numericOptionNotANumber_saysSoInTheUsersWordsWithNoJavaNames() {
        Map<List<String>, String> cases = Map.of(
                List.of("portfolio", "create", "m", "--capital", "abc"),
                "Invalid value for option '--capital': 'abc' is not a number",
                List.of("backtest", "AAPL", "--capital", "1,000"),
                "Invalid value for option '--capital': '1,000' is not a number",
                List.of("monitor", "signals", "--min-confidence", "high"),
                "Invalid value for option '--min-confidence': 'high' is not a number",
                List.of("analyze", "AAPL", "--lookback", "1.5"),
                "Invalid value for option '--lookback': '1.5' is not a whole number",
                List.of("serve", "--port", "99999999999"),
                "Invalid value for option '--port': '99999999999' is out of range (-2147483648 to 2147483647)",
                List.of("orders", "cancel", "x1"),
                "Invalid value for positional parameter at index 0 (ORDER_ID): 'x1' is not a whole number");
        cases.forEach((args, message) -> {
            String[] r = run(args.toArray(String[]::new));

            assertThat(r[0]).as(String.join(" ", args)).isEqualTo("2");
            assertThat(r[1]).as(String.join(" ", args)).startsWith("error: " + message + "\n");
        });
    }

    @Test
    void run_decimalOptionNotANumberWithJson_errorHasNoJavaNames() {
        String[] r = run("--json", "portfolio", "create", "m", "--capital", "abc");

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1])
                .isEqualTo("{\"error\":\"Invalid value for option '--capital': 'abc' is not a number\",\"exit_code\":2,"
                        + "\"parameter\":\"--capital\",\"value\":\"abc\"}\n");
    }
}
