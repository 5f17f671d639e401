package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Errors name their cause in one line (or one JSON object with --json), never a stack trace, with exit code 2. */
class ErrorMessagesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.of(Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", PG.jdbcUrl()), args);
    }

    @Test
    void cacheStats_noServerListening_namesTheRefusedAddressNotNull() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        CliRun r = CliRun.of(
                Map.of(
                        "DGAS_HOME", home.toString(),
                        "DGAS_DATABASE_URL", PG.jdbcUrl(),
                        "DGAS_WEB_PORT", Integer.toString(closed)),
                "cache",
                "stats");

        assertThat(r.code()).isEqualTo(ExitCodes.DB_UNAVAILABLE);
        assertThat(r.err())
                .startsWith("error: no dgas serving at http://127.0.0.1:" + closed + " (start one with 'dgas"
                        + " serve'): cannot connect to 127.0.0.1:" + closed);
        assertThat(r.err()).doesNotContain("null");
    }

    @Test
    void serve_portInUse_exits2WithOneLineNamingThePortAndOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CliRun r = run("serve", "--port", Integer.toString(port));

            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err().lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith("error: cannot listen on 127.0.0.1:" + port)
                            .contains("--port")
                            .contains("web.port"));
        }
    }

    @Test
    void cacheClear_unknownRegion_exits2ListingTheAcceptedRegions() {
        CliRun r = run("cache", "clear", "--region", "bogus", "--server", "http://127.0.0.1:1");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines())
                .singleElement()
                .isEqualTo("error: unknown cache region 'bogus'; accepted: dashboard, signals, metrics, market_data,"
                        + " portfolio, news");
    }

    @Test
    void ingest_aDirectoryForAFile_exits2SayingItIsADirectory() throws Exception {
        run("db", "migrate");
        Path dir = java.nio.file.Files.createDirectories(home.resolve("csvs"));

        CliRun bars = run("ingest", "bars", dir.toString(), "--symbol", "DIRX", "--interval", "1d");
        CliRun ticks = run("ingest", "ticks", dir.toString(), "--symbol", "DIRX");

        // it was "error: cannot read csvs", exit 1, as if the program had failed
        for (CliRun r : new CliRun[] {bars, ticks}) {
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).contains(dir + " is a directory: give the CSV files in it");
        }
    }

    @Test
    void unknownSymbol_cycleAggregateDataDeleteAnalyze_sayTheSameOneLineAndExit2() {
        run("db", "migrate");

        CliRun cycle = run("cycle", "--symbols", "NOPE");
        CliRun aggregate = run("aggregate", "--symbol", "NOPE", "--from", "1h", "--to", "4h");
        CliRun delete = run("data", "delete", "--symbol", "NOPE");
        CliRun restore = run("data", "restore", "--symbol", "nope");
        CliRun analyze = run("analyze", "NOPE");

        for (CliRun r : new CliRun[] {cycle, aggregate, delete, restore, analyze}) {
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).isEqualTo("error: unknown symbol 'NOPE'" + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void analyzeStored_otherTimeframes_takesItsOwnWhenNoneAskedNamesStoredOnesAndRefusesAFinerHtf() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int d = 0; d < 20; d++) {
            double c = 100 + d % 5;
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "2025-01-%02dT00:00:00Z,DAYX,1d,%.1f,%.1f,%.1f,%.1f,1000%n",
                    d + 1,
                    c,
                    c + 1,
                    c - 1,
                    c + 0.5));
        }
        Path file = java.nio.file.Files.writeString(home.resolve("daily.csv"), csv);
        assertThat(run("ingest", "bars", "--create-symbols", file.toString()).code())
                .isZero();

        CliRun own = run("analyze", "DAYX");
        CliRun hourly = run("analyze", "DAYX", "--trading", "1h");
        CliRun daily = run("analyze", "DAYX", "--trading", "1d");
        CliRun finer = run("analyze", "DAYX", "--trading", "1d", "--htf", "4h");
        CliRun weekly = run("analyze", "DAYX", "--trading", "1w");
        // weekly bars alone (DAYX's 20 days rolled up into 3 whole weeks and more): analysed alone, asked for or not
        assertThat(run("aggregate", "--symbol", "DAYX", "--from", "1d", "--to", "1w", "--include-partial")
                        .code())
                .isZero();
        CliRun weeklyAsked = run("analyze", "DAYX", "--trading", "1w");

        // no timeframe asked for: its own daily bars with their pair, as the cycle and the analysis API take them
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.out()).containsPattern("DAYX +1w/1d +20 ");
        // 1h asked for: refused, naming the timeframes it has
        assertThat(hourly.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(hourly.err())
                .isEqualTo("error: DAYX has 0 1h bars; at least 3 needed (it has bars at 1d)" + System.lineSeparator());
        assertThat(daily.code()).as(daily.err()).isZero();
        assertThat(daily.out()).contains("DAYX");
        assertThat(finer.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(finer.err().lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("error: higher timeframe 4h is not coarser than and a whole multiple of the trading"
                                + " timeframe 1d; accepted: [1w]"));
        // 1w asked for before there were weekly bars: refused for want of them; after, analysed alone
        assertThat(weekly.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(weekly.err())
                .isEqualTo("error: DAYX has 0 1w bars; at least 3 needed (it has bars at 1d)" + System.lineSeparator());
        assertThat(weeklyAsked.code()).as(weeklyAsked.err()).isZero();
        assertThat(weeklyAsked.out()).containsPattern("DAYX +-/1w +[3-5] ");
    }

    @Test
    void json_failureWhileRunning_isOneJsonObjectOnStderrWithTheExitCode() throws Exception {
        run("db", "migrate");

        CliRun r = run("--json", "data", "delete", "--symbol", "NOPE");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        JsonNode e = JSON.readTree(r.err());
        assertThat(e.get("error").asText()).isEqualTo("unknown symbol 'NOPE'");
        assertThat(e.get("exit_code").asInt()).isEqualTo(2);
        assertThat(e.get("value").asText()).isEqualTo("NOPE");
        // what was not found is named as well (the JSON had only the message)
        CliRun missing = run("--json", "portfolio", "show", "999");
        JsonNode m = JSON.readTree(missing.err());
        assertThat(m.get("error").asText()).isEqualTo("no portfolio 999");
        assertThat(m.get("parameter").asText()).isEqualTo("portfolio");
        assertThat(m.get("value").asText()).isEqualTo("999");
    }

    @Test
    void json_unparseableOption_namesParameterAndValueEvenWhenJsonComesLast() throws Exception {
        CliRun badValue = run("serve", "--port", "eighty", "--json");
        CliRun unknown = run("status", "--bogus", "--json");

        JsonNode port = JSON.readTree(badValue.err());
        assertThat(badValue.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(port.get("exit_code").asInt()).isEqualTo(2);
        assertThat(port.get("parameter").asText()).isEqualTo("--port");
        assertThat(port.get("value").asText()).isEqualTo("eighty");
        assertThat(port.get("error").asText()).contains("eighty");
        JsonNode bogus = JSON.readTree(unknown.err());
        assertThat(bogus.get("value").asText()).isEqualTo("--bogus");
        assertThat(bogus.get("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void json_databaseUnreachable_isJsonWithExitCode3() throws Exception {
        CliRun r = run("--json", "--db-url", "jdbc:postgresql://127.0.0.1:1/none?user=x", "status");

        assertThat(r.code()).isEqualTo(ExitCodes.DB_UNAVAILABLE);
        JsonNode e = JSON.readTree(r.err());
        assertThat(e.get("exit_code").asInt()).isEqualTo(3);
        assertThat(e.get("error").asText()).contains("database unavailable");
    }
}
