package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import io.dgas.testkit.StoreChecksum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 at the command line: multi-file failures say what was committed, --atomic, --timezone, ingest.* keys. */
class IngestBoundsCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String H = "timestamp,symbol,interval,open,high,low,close,volume\n";

    @TempDir
    static Path home;

    private static CliRun run(Map<String, String> env, String... args) {
        return CliRun.of(home, PG.jdbcUrl(), env, args);
    }

    private static String file(String name, String content) throws Exception {
        return Files.writeString(home.resolve(name), content).toString();
    }

    @BeforeAll
    static void seed() throws Exception {
        CliRun r = run(
                Map.of(),
                "ingest",
                "bars",
                file("seed.csv", H + "2024-01-01T00:00:00Z,BND,1h,10,11,9,10.5,1\n"),
                "--create-symbols");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void ingestBars_secondFileBad_saysWhichFilesWereCommitted() throws Exception {
        String a = file("a.csv", H + "2024-01-02T00:00:00Z,BND,1h,10,11,9,10.5,1\n");
        String b = file("b.csv", H + "2024-01-02T01:00:00Z,BND,1h,10,9,9,10.5,1\n");
        String c = file("c.csv", H + "2024-01-02T02:00:00Z,BND,1h,10,11,9,10.5,1\n");

        CliRun r = run(Map.of(), "ingest", "bars", a, b, c);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("warning: committed before the failure: a.csv (1 inserted, 0 updated); not committed:"
                        + " b.csv, c.csv (re-run with those files, or use --atomic for all-or-nothing)")
                .contains("error: b.csv line 2, field high, value 9: high must be >= max(open, close) (10.5)");
    }

    @Test
    void ingestBarsAtomic_secondFileBad_commitsNothingAndGoodFilesLoadTogether() throws Exception {
        String a = file("at-a.csv", H + "2024-01-03T00:00:00Z,BND,1h,10,11,9,10.5,1\n");
        String b = file("at-b.csv", H + "2024-01-03T01:00:00Z,BND,1h,10,9,9,10.5,1\n");
        String c = file("at-c.csv", H + "2024-01-03T02:00:00Z,BND,1h,10,11,9,10.5,1\n");
        String before = StoreChecksum.of(PG.jdbcUrl());

        CliRun bad = run(Map.of(), "ingest", "bars", "--atomic", a, b);

        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("error: at-b.csv line 2, field high").doesNotContain("committed before");
        assertThat(StoreChecksum.of(PG.jdbcUrl())).isEqualTo(before);

        CliRun good = run(Map.of(), "--json", "ingest", "bars", "--atomic", a, c);
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).contains("\"source\" : \"at-a.csv\"").contains("\"source\" : \"at-c.csv\"");
    }

    @Test
    void ingestBars_localTimes_needTimezone() throws Exception {
        String f = file("local.csv", H + "2024-01-04 09:00:00,BND,1h,10,11,9,10.5,1\n");

        CliRun refused = run(Map.of(), "ingest", "bars", f);
        CliRun badZone = run(Map.of(), "ingest", "bars", f, "--timezone", "Mars/Olympus");
        CliRun ok = run(Map.of(), "ingest", "bars", f, "--timezone", "America/New_York");

        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("field timestamp, value 2024-01-04 09:00:00: timestamp has no UTC offset");
        assertThat(badZone.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badZone.err()).contains("--timezone: unknown zone 'Mars/Olympus'");
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void ingestTicks_timezoneOptionAndConfiguredBounds_apply() throws Exception {
        String local = file("ticks-local.csv", "timestamp,price,size\n2024-01-05 10:00:00,10,1\n");
        String pricey = file("ticks-pricey.csv", "timestamp,price,size\n2024-01-05T10:00:00Z,500,1\n");

        CliRun tz = run(Map.of(), "ingest", "ticks", local, "--symbol", "BND", "--timezone", "Europe/Berlin");
        CliRun capped = run(Map.of("DGAS_INGEST_MAX_PRICE", "100"), "ingest", "ticks", pricey, "--symbol", "BND");
        CliRun crossed = run(Map.of("DGAS_INGEST_MIN_PRICE", "2e9"), "ingest", "ticks", pricey, "--symbol", "BND");

        assertThat(tz.code()).as(tz.err()).isZero();
        assertThat(capped.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(capped.err())
                .contains("ticks-pricey.csv line 2, field price, value 500: price must be from"
                        + " 0.00000001 to 100 (ingest.min_price, ingest.max_price)");
        assertThat(crossed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(crossed.err()).contains("ingest.min_price (2.0E9) must be below ingest.max_price (1.0E9)");
    }

    @Test
    void ingestBars_minTimestampConfigured_refusesOlderBars() throws Exception {
        String f = file("old.csv", H + "1999-12-31,BND,1d,10,11,9,10.5,1\n");

        CliRun r = run(Map.of("DGAS_INGEST_MIN_TIMESTAMP", "2000-01-01"), "ingest", "bars", f);

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("old.csv line 2, field timestamp, value 1999-12-31: timestamp must be from"
                        + " 2000-01-01T00:00:00Z to ");
    }
}
