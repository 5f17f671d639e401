package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The trading CLI faces end to end: portfolio, session, orders, positions, risk. */
class TradingCommandsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    private static JsonNode json(String... args) throws Exception {
        return CliRun.json(home, PG.jdbcUrl(), args);
    }

    @Test
    void lifecycle_createStartInspectStopClose() throws Exception {
        long id = json("portfolio", "create", "main", "--owner", "ann", "--capital", "50000")
                .get("id")
                .asLong();
        assertThat(json("portfolio", "list", "--owner", "ann")
                        .get(0)
                        .get("name")
                        .asText())
                .isEqualTo("main");

        CliRun dup = CliRun.of(
                home, PG.jdbcUrl(), Map.of(), "portfolio", "create", "main", "--owner", "ann", "--capital", "1");
        assertThat(dup.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dup.err()).contains("already has a portfolio named main");
        CliRun currency = cli("portfolio", "create", "odd", "--owner", "ann", "--capital", "1", "--currency", "US1");
        assertThat(currency.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(currency.err())
                .isEqualTo("error: a currency is 3 letters (ISO 4217), not 'US1'" + System.lineSeparator());

        long session = json(
                        "session",
                        "start",
                        "" + id,
                        "--max-position",
                        "5000",
                        "--max-gross",
                        "20000",
                        "--max-daily-loss",
                        "500",
                        "--sizing",
                        "fixed_cash:1000",
                        "--commission",
                        "per_share=0.01,percent=0,min=1")
                .get("id")
                .asLong();
        JsonNode sessions = json("session", "list", "--portfolio", "" + id);
        assertThat(sessions.get(0).get("id").asLong()).isEqualTo(session);
        assertThat(sessions.get(0).get("rules").get("sizing").asText()).isEqualTo("fixed_cash"); // as --sizing takes it

        assertThat(json("orders", "list", "--portfolio", "" + id)).isEmpty();
        assertThat(json("positions", "--portfolio", "" + id)).isEmpty();
        // the id as portfolio show takes it (only --portfolio ID before)
        assertThat(json("positions", "" + id)).isEmpty();
        assertThat(json("orders", "list", "" + id)).isEmpty();
        assertThat(json("risk", "" + id).get("equity").decimalValue()).isEqualByComparingTo("50000");
        CliRun neither = CliRun.of(home, PG.jdbcUrl(), Map.of(), "risk");
        CliRun both = CliRun.of(home, PG.jdbcUrl(), Map.of(), "positions", "" + id, "--portfolio", "999");
        assertThat(neither.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(neither.err()).contains("missing the portfolio id: give ID or --portfolio ID");
        assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("two portfolio ids: " + id + " and --portfolio 999");
        assertThat(cli("risk", "" + id).out())
                .as("no position, so no largest one (it read: largest - (0.0% of gross))")
                .contains("largest position none")
                .doesNotContain("of gross");
        JsonNode risk = json("risk", "--portfolio", "" + id);
        assertThat(risk.get("equity").decimalValue()).isEqualByComparingTo("50000");
        assertThat(risk.get("limits").get("max_loss_per_day").decimalValue()).isEqualByComparingTo("500");
        assertThat(json("portfolio", "show", "" + id).get("portfolio").get("id").asLong())
                .isEqualTo(id);
        // amounts for people: two decimals, grouped (the capital read 50000.00000000, a limit 500)
        assertThat(CliRun.of(home, PG.jdbcUrl(), Map.of(), "portfolio", "show", "" + id)
                        .out())
                .contains("50,000.00 USD");
        assertThat(CliRun.of(home, PG.jdbcUrl(), Map.of(), "risk", "--portfolio", "" + id)
                        .out())
                .contains("equity 50,000.00")
                .contains("loss limit of 500.00");
        assertThat(CliRun.of(home, PG.jdbcUrl(), Map.of(), "session", "list", "--portfolio", "" + id)
                        .out())
                .contains("5,000.00")
                .contains("20,000.00");

        assertThat(json("session", "stop", "" + session).get("stopped").asBoolean())
                .isTrue();
        assertThat(json("portfolio", "close", "" + id).get("closed").asBoolean())
                .isTrue();
        assertThat(json("portfolio", "list", "--owner", "ann")).isEmpty();

        CliRun missing = CliRun.of(home, PG.jdbcUrl(), Map.of(), "risk", "--portfolio", "999");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("no portfolio 999");
    }

    @Test
    void ordersPlace_withinAndBeyondTheSessionLimits_placedThenRefusedAsTheApiDoes() throws Exception {
        java.nio.file.Path bars = java.nio.file.Files.writeString(
                home.resolve("ord.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00Z,ORD,1h,100,101,99,100,10\n");
        assertThat(CliRun.of(home, PG.jdbcUrl(), Map.of(), "ingest", "bars", bars.toString(), "--create-symbols")
                        .code())
                .isZero();
        long id = json("portfolio", "create", "book", "--owner", "bob", "--capital", "10000")
                .get("id")
                .asLong();
        // without a session an order is stored but nothing fills it: said, not left to be found
        CliRun waiting = cli("orders", "place", "" + id, "--symbol", "ORD", "--side", "buy", "--quantity", "1");
        assertThat(waiting.code()).as(waiting.err()).isZero();
        assertThat(waiting.out())
                .contains("placed: buy 1 ORD market; the portfolio has no active session, so it waits for one"
                        + " (dgas session start " + id + " …)");
        JsonNode session = startSession(id);

        // the CLI could list and cancel orders; placing one took the API
        JsonNode placed = json(
                "orders",
                "place",
                "" + id,
                "--symbol",
                "ord",
                "--side",
                "buy",
                "--quantity",
                "5",
                "--type",
                "limit",
                "--limit-price",
                "100");
        assertThat(placed.get("status").asText()).isEqualTo("new");
        assertThat(placed.get("side").asText()).isEqualTo("buy");
        assertThat(placed.get("type").asText()).isEqualTo("limit");
        assertThat(placed.get("limit_price").asDouble()).isEqualTo(100.0);
        assertThat(placed.get("session_id").asLong())
                .isEqualTo(session.get("id").asLong());
        // 50 × 100 = 5,000 > max position 1,000: stored as rejected, as the API's 422
        CliRun refused = cli(
                "orders",
                "place",
                "" + id,
                "--symbol",
                "ORD",
                "--side",
                "buy",
                "--quantity",
                "50",
                "--type",
                "limit",
                "--limit-price",
                "100");
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.out()).contains("refused by the session's max_position_value (stored as rejected)");
        CliRun noPrice = cli(
                "orders", "place", "" + id, "--symbol", "ORD", "--side", "buy", "--quantity", "1", "--type", "limit");
        assertThat(noPrice.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPrice.err()).contains("--type limit needs --limit-price");
        assertThat(json("orders", "list", "" + id, "--status", "rejected")).hasSize(1);
        assertThat(json("orders", "cancel", "" + placed.get("id").asLong())
                        .get("cancelled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void ordersCancel_anOrderNotOpen_exits2NamingItsStatus() throws Exception {
        storeOneBar("CNX");
        long portfolio = json("portfolio", "create", "cancels", "--owner", "cy", "--capital", "10000")
                .get("id")
                .asLong();
        long order = json("orders", "place", "" + portfolio, "--symbol", "CNX", "--side", "buy", "--quantity", "1")
                .get("id")
                .asLong();

        CliRun first = cli("orders", "cancel", "" + order);
        CliRun second = cli("orders", "cancel", "" + order);
        CliRun secondJson = cli("--json", "orders", "cancel", "" + order);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("order " + order + " cancelled" + System.lineSeparator());
        assertThat(second.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(second.err())
                .isEqualTo("error: order " + order + " is not open (cancelled): only a new or partially filled order"
                        + " can be cancelled" + System.lineSeparator());
        assertThat(second.out()).isEmpty();
        assertThat(secondJson.err()).contains("\"parameter\":\"order\",\"value\":\"" + order + "\"");
    }

    @Test
    void cycle_withAnActiveSession_printsTheSessionsPartAndGivesItInJson() throws Exception {
        storeOneBar("CYP");
        long id = json("portfolio", "create", "cycling", "--owner", "cy", "--capital", "20000")
                .get("id")
                .asLong();
        long session = startSession(id).get("id").asLong();

        // the session's part was only in the log (stderr), not in the command's summary nor its --json
        CliRun text = cli("cycle", "--symbols", "CYP");
        JsonNode json = json("cycle", "--symbols", "CYP");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("paper session " + session + " (portfolio " + id
                        + "): 0 orders placed, 0 refused, 0 fills, 0 exits; equity 20000.00");
        // said once, in the summary: the log's line (logback writes to the process's stderr, which the run does not
        // capture) is held back for the command
        assertThat(((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.dgas.paper")).isInfoEnabled())
                .as("said once, in the summary")
                .isFalse();
        JsonNode part = null;
        for (JsonNode p : json.get("paper")) {
            if (p.get("session_id").asLong() == session) {
                part = p;
            }
        }
        assertThat(part).as(json.toString()).isNotNull();
        assertThat(part.get("portfolio_id").asLong()).isEqualTo(id);
        assertThat(part.get("placed").asInt()).isZero();
        assertThat(part.get("equity").decimalValue()).isEqualByComparingTo("20000");
    }

    /** A paper session on portfolio {@code id} with limits of 1,000 a position, 5,000 gross and 100 a day. */
    private static JsonNode startSession(long id) throws Exception {
        return json(
                "session",
                "start",
                "" + id,
                "--max-position",
                "1000",
                "--max-gross",
                "5000",
                "--max-daily-loss",
                "100");
    }

    /** {@code dgas args} on the test's home and database. */
    /** Stores one 1h bar of {@code ticker}, creating the symbol, so that orders and cycles can name it. */
    private static void storeOneBar(String ticker) throws Exception {
        java.nio.file.Path bars = java.nio.file.Files.writeString(
                home.resolve(ticker.toLowerCase(java.util.Locale.ROOT) + ".csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n" + "2024-01-01T00:00:00Z," + ticker
                        + ",1h,100,101,99,100,10\n");
        assertThat(cli("ingest", "bars", bars.toString(), "--create-symbols").code())
                .isZero();
    }

    private static CliRun cli(String... args) {
        return CliRun.of(home, PG.jdbcUrl(), Map.of(), args);
    }
}
