package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.collect.EodhdFixtureServer;
import io.dgas.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The market-data commands end to end: ingest, data, aggregate, db partitions, ingest api. */
class MarketDataCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("DGAS_HOME", home.toString());
        env.put("DGAS_DATABASE_URL", PG.jdbcUrl());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void seed() throws Exception {
        Path f = Files.writeString(
                home.resolve("seed.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00+00:00,CLI,1m,10,11,9,10.5,1\n"
                        + "2024-01-01T00:01:00+00:00,CLI,1m,10.5,12,10,11,2\n"
                        + "2024-01-01T00:02:00+00:00,CLI,1m,11,11.5,10.5,11.2,3\n");
        Run r = run(Map.of(), "ingest", "bars", f.toString(), "--create-symbols");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void ingestBars_sameFileAgainAsJson_reportsUnchanged() throws Exception {
        Run r = run(
                Map.of(), "--json", "ingest", "bars", home.resolve("seed.csv").toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out()).get(0);
        assertThat(report.get("inserted").asLong()).isZero();
        assertThat(report.get("updated").asLong()).isZero();
        assertThat(report.get("unchanged").asLong()).isEqualTo(3);
    }

    @Test
    void ingestBars_symbolOptionDisagreeingWithTheFilesColumn_exit2NamingBothNothingStored() throws Exception {
        Path f = Files.writeString(
                home.resolve("good.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00+00:00,TSTA,1h,10,11,9,10.5,1\n");

        Run r = run(
                Map.of(), "ingest", "bars", f.toString(), "--symbol", "YHO", "--interval", "1d", "--create-symbols");
        Run data = run(Map.of(), "data", "list");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: good.csv line 2 has symbol TSTA but --symbol YHO was given: leave --symbol out (the"
                        + " file's symbol column decides) or give TSTA\n");
        assertThat(data.out()).doesNotContain("TSTA", "YHO");
    }

    @Test
    void ingestTicks_unknownSymbol_exit2NamingItAndTheOptionThatAddsIt() throws Exception {
        Path ticks =
                Files.writeString(home.resolve("nope-ticks.csv"), "timestamp,price,amount\n2024-01-01T00:00:01Z,1,1\n");

        Run r = run(Map.of(), "ingest", "ticks", ticks.toString(), "--symbol", "nope");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: unknown symbol 'NOPE'; add it with --create-symbols\n");
    }

    @Test
    void ingest_rejectsFileInAMissingDirectory_exit2NamingItBeforeAnyRow() throws Exception {
        Path bars = Files.writeString(
                home.resolve("rej.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n2024-01-01T00:00:00Z,REJ,1m,1,2,0.5,x,1\n");
        Path ticks = Files.writeString(home.resolve("rej-ticks.csv"), "timestamp,price,amount\n1385337600,0,1\n");
        String rejects = home.resolve("no/such/dir/r.csv").toString();

        Run r = run(Map.of(), "ingest", "bars", bars.toString(), "--skip-invalid", "--rejects", rejects);
        Run t = run(
                Map.of(),
                "ingest",
                "ticks",
                ticks.toString(),
                "--symbol",
                "REJ",
                "--skip-invalid",
                "--rejects",
                rejects);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--rejects: directory " + home.resolve("no/such/dir") + " does not exist");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).contains("--rejects: directory");
    }

    @Test
    void dataExport_toAFile_loadsBackUnchangedAndAMissingDirectoryIsAUsageError() throws Exception {
        Path file = home.resolve("export.csv");

        Run r = run(Map.of(), "data", "export", "--symbol", "cli", "--interval", "1m", "--out", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("exported 3 bar(s) to " + file);
        assertThat(Files.readAllLines(file))
                .startsWith("timestamp,symbol,interval,open,high,low,close,volume")
                .contains("2024-01-01T00:01:00Z,CLI,1m,10.5,12,10,11,2")
                .hasSize(4);
        Run again = run(Map.of(), "--json", "ingest", "bars", file.toString());
        assertThat(JSON.readTree(again.out()).get(0).get("unchanged").asLong()).isEqualTo(3);

        Run bad = run(
                Map.of(),
                "data",
                "export",
                "--symbol",
                "CLI",
                "--out",
                home.resolve("no/such.csv").toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).isEqualTo("error: --out: directory " + home.resolve("no") + " does not exist\n");
    }

    @Test
    void dataExportTicks_toAFile_loadsBackUnchangedAndIntervalIsAUsageError() throws Exception {
        Path ticks = Files.writeString(
                home.resolve("xticks.csv"),
                "timestamp,price,size,bid,ask,bid_size,ask_size\n"
                        + "2024-02-01T00:00:00.500Z,20,1,19.9,20.1,3,4\n"
                        + "2024-02-01T00:00:00.500Z,20.5,2,,,,\n"
                        + "2024-02-01T00:00:01Z,21,0.25,,,,\n");
        Run in = run(Map.of(), "ingest", "ticks", ticks.toString(), "--symbol", "XTK", "--create-symbols");
        assertThat(in.code()).as(in.err()).isZero();
        Path file = home.resolve("xtk-export.csv");

        Run r = run(Map.of(), "--json", "data", "export", "--symbol", "xtk", "--ticks", "--out", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("ticks").asLong()).isEqualTo(3);
        assertThat(Files.readString(file)).isEqualTo(Files.readString(ticks));
        Run again = run(Map.of(), "--json", "ingest", "ticks", file.toString(), "--symbol", "XTK");
        assertThat(JSON.readTree(again.out()).get(0).get("unchanged").asLong()).isEqualTo(3);

        Run stdout = run(Map.of(), "data", "export", "--symbol", "XTK", "--ticks", "--from", "2024-02-01T00:00:01Z");
        assertThat(stdout.out())
                .isEqualTo("timestamp,price,size,bid,ask,bid_size,ask_size\n2024-02-01T00:00:01Z,21,0.25,,,,\n");
        assertThat(stdout.err()).contains("1 tick(s) exported");

        Run bad = run(Map.of(), "data", "export", "--symbol", "XTK", "--ticks", "--interval", "1m");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).isEqualTo("error: --interval selects bars: --ticks exports every tick of the range\n");
    }

    @Test
    void dataGaps_dailyStock_listsTheMissingTradingDayNotTheHolidayAndNeedsAnInterval() throws Exception {
        ingestJulyWithoutThe10th("GAPD");

        Run r = run(Map.of(), "data", "gaps", "--symbol", "gapd", "--interval", "1d");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2024-07-10T00:00:00Z")
                .doesNotContain("2024-07-04")
                .contains("GAPD 1d (us-equities calendar): 8 bar(s) from 2024-07-01T00:00:00Z to"
                        + " 2024-07-12T00:00:00Z, 1 missing in 1 gap(s), coverage 88.89 %");
        Run all = run(Map.of(), "data", "gaps", "--interval", "1d");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).containsPattern("GAPD +us-equities +8 +1 +1 +88.89 %");
        Run none = run(Map.of(), "data", "gaps", "--symbol", "GAPD");
        assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).isEqualTo("error: --interval is required: gaps are judged per timeframe\n");
    }

    @Test
    void ingestBars_newYorkTimesReadAsUtc_warnsWithTheShift() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int h = 9; h <= 15; h++) {
            csv.append(String.format("2025-03-03T%02d:00:00Z,TZC,1h,10,11,9,10.5,100%n", h));
        }
        Path f = Files.writeString(home.resolve("tzc.csv"), csv);

        Run r = run(Map.of(), "ingest", "bars", f.toString(), "--create-symbols");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("warning: 5 of the newest 7 1h bars of TZC fall outside the us-equities market's hours;"
                        + " moved by +5 h all but 0 would be in its hours");
    }

    @Test
    void dataCheck_aSaturdayBar_outsideTheMarketsHours_andTheOptionsChecked() throws Exception {
        // 6 July 2024 was a Saturday
        ingestJuly("CHKD", List.of("01", "02", "03", "05", "06", "08", "09", "10", "11"));

        Run r = run(Map.of(), "data", "check", "--symbol", "chkd", "--interval", "1d");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CHKD 1d (us-equities calendar): 9 bar(s) checked from 2024-07-01T00:00:00Z to"
                        + " 2024-07-11T00:00:00Z\n")
                .contains("outside the market's hours: 1, the first: 2024-07-06T00:00:00Z\n")
                .contains("spikes (returns beyond 10 robust sd, sd 0.000000): 0\n")
                .contains("runs of 5+ bars that did not trade: 0\n");
        Run bad = run(Map.of(), "data", "check", "--symbol", "CHKD", "--interval", "1d", "--spike-sigma", "1");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).startsWith("error: --spike-sigma must be");
        // without --symbol: every series at the timeframe, the most findings first (this class's other series none)
        Run all = run(Map.of(), "data", "check", "--interval", "1d", "--limit", "1");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out())
                .containsPattern("\\nCHKD +us-equities +9 +1 +0 +0 +2024-07-01T00:00:00Z +2024-07-11T00:00:00Z\\n")
                .containsPattern("series at 1d; 1 of those listed with findings \\(dgas data check --symbol S"
                        + " --interval 1d lists them\\); more with --offset 1\\n");
        Run json = run(Map.of(), "--json", "data", "check", "--interval", "1d", "--limit", "1");
        assertThat(json.out()).contains("\"symbol\" : \"CHKD\"", "\"outside_hours\" : 1", "\"findings\" : 1");
        Run offset = run(Map.of(), "data", "check", "--interval", "1d", "--offset", "-1");
        assertThat(offset.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(offset.err()).startsWith("error: --offset must be");
    }

    @Test
    void dataGaps_tickerOfAnExchangeWithoutACalendar_exit2NamingIt_overviewSaysNoCalendar() throws Exception {
        ingestJuly("GAPK.KO", List.of("01", "05"));

        Run r = run(Map.of(), "data", "gaps", "--symbol", "gapk.ko", "--interval", "1d");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .startsWith("error: no exchange calendar for GAPK.KO (exchange KO): its missing bars cannot be told"
                        + " from the hours its market was closed; calendars: crypto, forex and the exchanges AS, AU, BR, HK,"
                        + " LS, LSE, NEO, PA, SW, TO, US, V, XETRA");
        Run all = run(Map.of(), "data", "gaps", "--interval", "1d");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).containsPattern("GAPK.KO +ko +2 +no calendar +no calendar +no calendar");
    }

    @Test
    void dataGaps_aCalendarOfYourOwn_judgesItsExchange_aMistakeNamesTheFileAndLine() throws Exception {
        // Seoul's session and a holiday on Wednesday 3 July 2024 (an example, not Korea's calendar)
        ingestJuly("OWNK.KO", List.of("01", "02", "04", "05"));
        Path own = Files.createDirectories(home.resolve("own-calendars"));
        Files.writeString(
                own.resolve("ko.txt"), "# Korea Exchange\nzone Asia/Seoul\nsession 09:00-15:30\n2024-07-03\n");

        Run r = run(
                Map.of("DGAS_CALENDARS_DIR", own.toString()),
                "data",
                "gaps",
                "--symbol",
                "OWNK.KO",
                "--interval",
                "1d");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("OWNK.KO 1d (ko calendar): 4 bar(s) from 2024-07-01T00:00:00Z to 2024-07-05T00:00:00Z, 0"
                        + " missing in 0 gap(s)");
        Path bad = Files.createDirectories(home.resolve("bad-calendars"));
        Files.writeString(bad.resolve("KO.txt"), "zone Asia/Seoul\nsession 09:00-15:30\n2024-13-01\n");
        Run wrong = run(
                Map.of("DGAS_CALENDARS_DIR", bad.toString()),
                "data",
                "gaps",
                "--symbol",
                "OWNK.KO",
                "--interval",
                "1d");
        assertThat(wrong.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).startsWith("error: " + bad.resolve("KO.txt") + " line 3: '2024-13-01': not a date");
    }

    @Test
    void dataCalendar_anExchangesYear_itsClosuresToCheckAgainstItsList() {
        Run r = run(Map.of(), "data", "calendar", "--exchange", "hk", "--year", "2024");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("HK +hkex +Asia/Hong_Kong +09:30-16:00 +12:00-13:00 +shipped\\n")
                .contains("2024: 16 weekday(s) closed, 3 early close(s)\n")
                .contains("2024-02-13  Tue\n")
                .contains("2024-12-31    Tue  12:00\n");
        Run bad = run(Map.of(), "data", "calendar", "--exchange", "ZZ");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).startsWith("error: no calendar for the exchange ZZ; calendars: AS, AU, BR, HK,");
    }

    @Test
    void ingestBars_badFile_exits2WithFileLineFieldValueRule() throws Exception {
        Path bad = Files.writeString(
                home.resolve("bars.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:03:00Z,CLI,1m,100,99.5,99,101.2,1\n");

        Run r = run(Map.of(), "ingest", "bars", bad.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("error: bars.csv line 2, field high, value 99.5: high must be >= max(open, close) (101.2)")
                .doesNotContain("\tat ");
    }

    @Test
    void ingestTicks_thenAggregateFromTicks_writesCompleteMinute() throws Exception {
        Path ticks = Files.writeString(
                home.resolve("ticks.csv"), "timestamp,price,amount\n1704067210,10,1\n1704067270,11,1\n");

        Run in = run(Map.of(), "ingest", "ticks", ticks.toString(), "--symbol", "TCLI", "--create-symbols");
        Run agg = run(Map.of(), "--json", "aggregate", "--symbol", "TCLI", "--from", "ticks", "--to", "1m");

        assertThat(in.code()).as(in.err()).isZero();
        assertThat(in.out()).contains("ticks.csv").contains("ticks");
        assertThat(agg.code()).as(agg.err()).isZero();
        JsonNode res = JSON.readTree(agg.out()).get("results");
        assertThat(res).hasSize(1);
        assertThat(res.get(0).get("inserted").asLong()).isOne();
    }

    @Test
    void aggregate_includePartial_writesFormingBucket() throws Exception {
        Run r = run(
                Map.of(), "--json", "aggregate", "--symbol", "CLI", "--from", "1m", "--to", "5m", "--include-partial");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).at("/results/0/inserted").asLong()).isOne();
    }

    @Test
    void dataDeleteRestore_printCountsAndAreIdempotent() {
        Run del = run(
                Map.of(), "data", "delete", "--symbol", "cli", "--interval", "1m", "--from", "2024-01-01T00:01:00Z");
        Run again = run(
                Map.of(), "data", "delete", "--symbol", "CLI", "--interval", "1m", "--from", "2024-01-01T00:01:00Z");
        Run list = run(Map.of(), "data", "list");
        Run restore = run(Map.of(), "data", "restore", "--symbol", "CLI", "--interval", "1m");
        Run purge = run(Map.of(), "data", "purge", "--older-than", "30d");
        Run stats = run(Map.of(), "--json", "data", "stats");

        assertThat(del.out()).contains("soft-deleted 2 bar(s) and 0 tick(s)");
        assertThat(again.out()).contains("soft-deleted 0 bar(s)");
        assertThat(list.out()).containsPattern("CLI\\s+1m\\s+1\\s+2024-01-01T00:00:00Z\\s+2024-01-01T00:00:00Z\\s+2");
        assertThat(restore.out()).contains("restored 2 bar(s)");
        assertThat(purge.out()).contains("purged 0 bar(s) and 0 tick(s)");
        assertThat(stats.code()).isZero();
        assertThat(stats.out()).contains("\"bars_per_timeframe\"");
    }

    @Test
    void dataDeleteRestore_withRebuild_theAggregatedBarsFollowAndBadOptionsAreNamed() throws Exception {
        Path f = Files.writeString(
                home.resolve("rebuild.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00Z,RBL,1m,10,11,9,10.5,1\n"
                        + "2024-01-01T00:01:00Z,RBL,1m,10.5,99,10,11,2\n"
                        + "2024-01-01T00:02:00Z,RBL,1m,11,11.5,10.5,11.2,3\n"
                        + "2024-01-01T00:05:00Z,RBL,1m,11.2,11.4,11,11.3,4\n");
        assertThat(run(Map.of(), "ingest", "bars", f.toString(), "--create-symbols")
                        .code())
                .isZero();
        assertThat(run(Map.of(), "aggregate", "--symbol", "RBL", "--from", "1m", "--to", "5m")
                        .code())
                .isZero();

        // the 00:01 bar's high of 99 is a bad print: deleted, the 00:00 bucket built from it follows
        Run del = run(
                Map.of(),
                "data",
                "delete",
                "--symbol",
                "RBL",
                "--interval",
                "1m",
                "--from",
                "2024-01-01T00:01:00Z",
                "--to",
                "2024-01-01T00:02:00Z",
                "--rebuild",
                "5m");
        Run export = run(Map.of(), "data", "export", "--symbol", "RBL", "--interval", "5m");
        Run restore =
                run(Map.of(), "--json", "data", "restore", "--symbol", "RBL", "--interval", "1m", "--rebuild", "5m");
        Run noInterval = run(Map.of(), "data", "delete", "--symbol", "RBL", "--rebuild", "5m");
        Run finer = run(Map.of(), "data", "delete", "--symbol", "RBL", "--interval", "5m", "--rebuild", "1m");

        assertThat(del.code()).as(del.err()).isZero();
        assertThat(del.out())
                .contains("soft-deleted 1 bar(s) and 0 tick(s)")
                .contains("rebuilt 5m from 1m: 1 bar(s) written, 0 soft-deleted (no 1m bar left in them)");
        // 00:00 from the 00:00 and 00:02 bars: high 11.5, volume 4
        assertThat(export.out()).contains("2024-01-01T00:00:00Z,RBL,5m,10,11.5,9,11.2,4");
        assertThat(restore.code()).as(restore.err()).isZero();
        JsonNode r = JSON.readTree(restore.out());
        assertThat(r.get("bars").asLong()).isOne();
        assertThat(r.at("/rebuilt/0/timeframe").asText()).isEqualTo("5m");
        // the 00:00 bucket with the high of 99 again, and the forming 00:05 one as partial: the range is open
        assertThat(r.at("/rebuilt/0/written").asLong()).isEqualTo(2);
        assertThat(noInterval.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noInterval.err()).contains("--rebuild needs --interval");
        assertThat(finer.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(finer.err()).contains("cannot rebuild 1m bars from 5m bars");
    }

    @Test
    void dataDelete_toNotAfterFrom_isRefusedNamingBoth() {
        Run r = run(Map.of(), "data", "delete", "--symbol", "CLI", "--from", "2024-06-01", "--to", "2024-05-01");
        Run same = run(Map.of(), "data", "restore", "--symbol", "CLI", "--from", "2024-06-01", "--to", "2024-06-01");

        // an empty range changed nothing and reported "soft-deleted 0 bar(s)" as if it had been applied
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--to 2024-05-01 must be after --from 2024-06-01");
        assertThat(r.out()).isEmpty();
        assertThat(same.code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void dataStats_text_showsSizesForPeopleAndTimeframesAsPairs() {
        Run r = run(Map.of(), "data", "stats");

        assertThat(r.code()).as(r.err()).isZero();
        // raw byte counts and a Java map's rendering ({1m=3, ...}) before
        assertThat(r.out()).containsPattern("bars_bytes\\s+\\d+(\\.\\d)? (kB|MB)");
        assertThat(r.out()).containsPattern("bars_per_timeframe\\s+1m \\d+").doesNotContain("=");
    }

    @Test
    void dbPartitions_listsMonthPartitionWithRows() {
        Run r = run(Map.of(), "db", "partitions");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("bars_y2024m01").contains("[2024-01-01 00:00:00+00, 2024-02-01 00:00:00+00)");
    }

    @Test
    void ingestApi_localServer_fetchesAndIngestsWithoutPrintingKey() throws Exception {
        EodhdFixtureServer server = new EodhdFixtureServer()
                .on(
                        "/api/eod/AAPL.US",
                        EodhdFixtureServer.Reply.ok(
                                "[{\"date\":\"2024-01-02\",\"open\":187.15,\"high\":188.44,\"low\":183.89,\"close\":185.64,"
                                        + "\"volume\":82488700},{\"date\":\"2024-01-03\",\"open\":184.22,\"high\":185.88,"
                                        + "\"low\":183.43,\"close\":184.25,\"volume\":58414500}]"));
        try {
            Map<String, String> env = Map.of("DGAS_API_BASE_URL", server.baseUrl(), "EODHD_API_KEY", "topsecret-1");
            Run r = run(
                    env,
                    "ingest",
                    "api",
                    "--symbols",
                    "AAPL.US",
                    "--interval",
                    "D",
                    "--from",
                    "2024-01-01",
                    "--to",
                    "2024-01-05",
                    "--create-symbols");
            Run shown = run(env, "configure", "show");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("api AAPL.US 1d").doesNotContain("topsecret-1");
            assertThat(r.err()).doesNotContain("topsecret-1");
            assertThat(server.requests())
                    .singleElement()
                    .asString()
                    .startsWith("/api/eod/AAPL.US?api_token=topsecret-1&fmt=json");
            assertThat(shown.out()).contains("api.key").doesNotContain("topsecret-1");
        } finally {
            server.close();
        }
    }

    @Test
    void ingestApiFillGaps_localServer_requestsOnlyTheMissingDayAndLeavesNoGap() throws Exception {
        ingestJulyWithoutThe10th("FILD");
        EodhdFixtureServer server = new EodhdFixtureServer()
                .on(
                        "/api/eod/FILD.US",
                        EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(List.of("2024-07-10"))));
        try {
            Map<String, String> env = apiEnv(server);

            Run r = run(env, "--json", "ingest", "api", "--symbols", "fild", "--interval", "1d", "--fill-gaps");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(server.requests())
                    .singleElement()
                    .isEqualTo("/api/eod/FILD.US?api_token=k-1&fmt=json&period=d&from=2024-07-10&to=2024-07-10");
            JsonNode fill = JSON.readTree(r.out()).get(0);
            assertThat(fill.get("gaps_before").asLong()).isOne();
            assertThat(fill.get("missing_before").asLong()).isOne();
            assertThat(fill.get("requests").asInt()).isOne();
            assertThat(fill.get("rows").asLong()).isOne();
            assertThat(fill.get("gaps_after").asLong()).isZero();
            assertThat(run(env, "ingest", "api", "--symbols", "FILD", "--interval", "1d")
                            .err())
                    .isEqualTo("error: --from is required (unless --fill-gaps)\n");
        } finally {
            server.close();
        }
    }

    @Test
    void ingestApiFillGaps_twoGapsAWeekApart_oneRequestSpanningBoth_theStoredBarsBetweenUnchanged() throws Exception {
        ingestJuly("FILM", List.of("01", "02", "05", "08", "09", "11", "12")); // without the 3rd and the 10th
        EodhdFixtureServer server = new EodhdFixtureServer()
                .on(
                        "/api/eod/FILM.US",
                        EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(
                                List.of("2024-07-03", "2024-07-05", "2024-07-08", "2024-07-09", "2024-07-10"))));
        try {
            Map<String, String> env = apiEnv(server);

            Run r = run(env, "--json", "ingest", "api", "--symbols", "FILM", "--interval", "1d", "--fill-gaps");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(server.requests())
                    .singleElement()
                    .isEqualTo("/api/eod/FILM.US?api_token=k-1&fmt=json&period=d&from=2024-07-03&to=2024-07-10");
            JsonNode fill = JSON.readTree(r.out()).get(0);
            assertThat(fill.get("gaps_before").asLong()).isEqualTo(2);
            assertThat(fill.get("requests").asInt()).isOne();
            assertThat(fill.get("rows").asLong())
                    .as("the two missing days; the three between load unchanged")
                    .isEqualTo(2);
            assertThat(fill.get("gaps_after").asLong()).isZero();
            assertThat(fill.get("requests_exhausted").asBoolean()).isFalse();
        } finally {
            server.close();
        }
    }

    /** The environment pointing dgas at {@code server} with the key {@code k-1}. */
    private static Map<String, String> apiEnv(EodhdFixtureServer server) {
        return Map.of("DGAS_API_BASE_URL", server.baseUrl(), "EODHD_API_KEY", "k-1");
    }

    /**
     * Daily bars of {@code symbol} on the trading days of 1-12 July 2024 but the 10th (4 July is a holiday), through
     * {@code dgas ingest bars}.
     */
    private static void ingestJulyWithoutThe10th(String symbol) throws java.io.IOException {
        ingestJuly(symbol, List.of("01", "02", "03", "05", "08", "09", "11", "12"));
    }

    /** Daily bars of {@code symbol} (10, 11, 9, 10.5, 1) on {@code days} of July 2024, through dgas ingest bars. */
    private static void ingestJuly(String symbol, List<String> days) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (String day : days) {
            csv.append("2024-07-")
                    .append(day)
                    .append("T00:00:00Z,")
                    .append(symbol)
                    .append(",1d,10,11,9,10.5,1\n");
        }
        Path f = Files.writeString(home.resolve(symbol + ".csv"), csv);
        assertThat(run(Map.of(), "ingest", "bars", f.toString(), "--create-symbols")
                        .code())
                .isZero();
    }
}
