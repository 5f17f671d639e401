package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigLoader;
import io.dgas.calc.drummond.Signal;
import io.dgas.store.SqlSession;
import io.dgas.store.alerts.AlertEvent;
import io.dgas.store.alerts.AlertRule;
import io.dgas.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Signal rules name their symbols as a user types them: validated against the known symbols, stored upper case. */
class AlertRuleSymbolsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db-url";
        all[1] = PG.jdbcUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = DgasCommand.run(
                all, Map.of("DGAS_HOME", home.toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void symbols() {
        try (AppContext ctx = context()) {
            ctx.database()
                    .update(
                            "test.symbols",
                            "INSERT INTO symbols (ticker) VALUES ('AAPL'), ('MSFT')",
                            SqlSession.Binder.NONE);
        }
    }

    private static AppContext context() {
        return new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home)
                        .load(null, Map.of("database.url", PG.jdbcUrl()), Map.of()),
                Clock.systemUTC());
    }

    private static Signal signal(String symbol, double confidence) {
        return new Signal(
                symbol,
                1,
                Instant.now().getEpochSecond(),
                Signal.Type.LONG,
                10,
                9,
                12,
                confidence,
                0.5,
                0.7,
                Signal.Tier.HIGH,
                false);
    }

    @Test
    void signalRule_lowerCaseSymbols_storedUpperCaseAndFiresOnTheSignal() throws Exception {
        Run add = run(
                "alerts",
                "rules",
                "add",
                "--name",
                "lower",
                "--type",
                "signal",
                "--symbols",
                "aapl, msft",
                "--threshold",
                "0.5");

        assertThat(add.code()).as(add.err()).isZero();
        try (AppContext ctx = context()) {
            AlertRule rule = new io.dgas.store.alerts.AlertRepository(ctx.database())
                    .rules(true).stream()
                            .filter(r -> r.name().equals("lower"))
                            .findFirst()
                            .orElseThrow();
            assertThat(rule.symbols()).containsExactly("AAPL", "MSFT");

            var outcome = ctx.alerts().evaluate(List.of(signal("AAPL", 0.9)), List.of());
            outcome.delivered().get(10, TimeUnit.SECONDS);
            assertThat(outcome.events())
                    .filteredOn(e -> e.rule().name().equals("lower"))
                    .extracting(AlertEvent::symbol, AlertEvent::fired)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("AAPL", true));
        }
    }

    @Test
    void signalRule_unknownSymbol_exits2NamingItAndStoresNothing() {
        Run r = run(
                "alerts",
                "rules",
                "add",
                "--name",
                "typo",
                "--type",
                "signal",
                "--symbols",
                "AAPL,nosuch",
                "--threshold",
                "0.5");
        Run junk = run(
                "alerts",
                "rules",
                "add",
                "--name",
                "junk",
                "--type",
                "signal",
                "--symbols",
                "'; DROP TABLE bars; --",
                "--threshold",
                "0.5");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("unknown symbol 'NOSUCH'").doesNotContain("\tat ");
        assertThat(junk.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(junk.err()).contains("unknown symbol");
        assertThat(run("alerts", "rules", "list").out()).doesNotContain("typo").doesNotContain("junk");
    }

    @Test
    void thresholdRule_lowerCaseSymbol_isAccepted() {
        Run add = run(
                "alerts",
                "rules",
                "add",
                "--name",
                "msft-lower",
                "--type",
                "threshold",
                "--symbol",
                "msft",
                "--threshold",
                "100");

        assertThat(add.code()).as(add.err()).isZero();
        assertThat(run("alerts", "rules", "list").out()).containsPattern("msft-lower +threshold +MSFT");
    }

    @Test
    void rulesRm_byNameThenAgain_removedThenAnErrorNamingTheRule() throws Exception {
        run("alerts", "rules", "add", "--name", "rm-me", "--type", "threshold", "--symbol", "AAPL", "--threshold", "1");

        Run removed = run("alerts", "rules", "rm", "rm-me");
        Run again = run("--json", "alerts", "rules", "rm", "rm-me");

        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("rm-me: removed");
        assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.out()).as("an error is no result").isEmpty();
        com.fasterxml.jackson.databind.JsonNode error =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(again.err());
        assertThat(error.get("error").asText()).isEqualTo("unknown rule 'rm-me'");
        assertThat(error.get("parameter").asText()).isEqualTo("rule");
        assertThat(error.get("value").asText()).isEqualTo("rm-me");
    }
}
