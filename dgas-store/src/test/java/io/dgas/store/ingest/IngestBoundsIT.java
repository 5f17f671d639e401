package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.dgas.testkit.StoreChecksum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16, defects 1 and 7: timestamps, prices and lines are bounded; messages and rejects are safe to show. */
class IngestBoundsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String H = SeededStore.H;

    static Database db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() throws Exception {
        db = SeededStore.open(PG.jdbcUrl(), dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static IngestReport bars(String name, String content, IngestOptions opts) throws Exception {
        Path f = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        return new BarIngestor(db, IngestListener.NONE).ingest(f, opts);
    }

    @Test
    void ingest_barsIn1900And2200_refusedNamingLineFieldValueAndCreatesNoPartition() {
        String before = StoreChecksum.of(PG.jdbcUrl());

        assertThatThrownBy(() -> bars(
                        "extreme.csv",
                        H + "1900-01-01,AAPL,1d,100,101,99,100.5,1\n2200-01-01,AAPL,1d,100,101,99,100.5,1\n",
                        IngestOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("extreme.csv line 2, field timestamp, value 1900-01-01: timestamp must be"
                        + " from 1970-01-01T00:00:00Z to ");
        assertThat(StoreChecksum.of(PG.jdbcUrl())).isEqualTo(before);
    }

    @Test
    void ingest_extremeDatesSkipInvalid_bothRejectedNoPartition() throws Exception {
        long partitions = StoreChecksum.partitions(PG.jdbcUrl(), "bars");

        IngestReport r = bars(
                "extreme-skip.csv",
                H + "1900-01-01,AAPL,1d,100,101,99,100.5,1\n2200-01-01,AAPL,1d,100,101,99,100.5,1\n"
                        + "2024-03-04,AAPL,1d,100,101,99,100.5,1\n",
                IngestOptions.defaults().withSkipInvalid(true));

        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.inserted()).isEqualTo(1);
        assertThat(StoreChecksum.partitions(PG.jdbcUrl(), "bars")).isEqualTo(partitions);
    }

    private static List<String> partitionNames() {
        return db.query(
                "test.partitions",
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'bars'::regclass ORDER BY 1",
                io.dgas.store.SqlSession.Binder.NONE,
                rs -> rs.getString(1));
    }

    private static List<String> added(List<String> before) {
        List<String> now = new java.util.ArrayList<>(partitionNames());
        now.removeAll(before);
        return now;
    }

    @Test
    void ingest_barsIn2001And2024_createsExactlyTheirTwoMonths() throws Exception {
        List<String> before = partitionNames();

        // direct path (series increasing) ...
        bars(
                "two-months.csv",
                H + "2001-01-02,AAPL,1d,100,101,99,100.5,1\n2024-06-03,AAPL,1d,100,101,99,100.5,1\n",
                IngestOptions.defaults());
        assertThat(added(before)).containsExactly("bars_y2001m01", "bars_y2024m06");

        // ... and the staging path (series out of order)
        before = partitionNames();
        bars(
                "two-months-staged.csv",
                H + "2005-07-01,AAPL,1d,100,101,99,100.5,1\n2002-01-02,AAPL,1d,100,101,99,100.5,1\n",
                IngestOptions.defaults());
        assertThat(added(before)).containsExactly("bars_y2002m01", "bars_y2005m07");
    }

    @Test
    void ingest_ticksIn1969_refusedAndTicksInTwoMonthsMakeTwoPartitions() throws Exception {
        TickIngestor ticks = new TickIngestor(db);
        IngestOptions opts = IngestOptions.defaults().withSymbol("AAPL", null);
        Path old = Files.writeString(dir.resolve("old-ticks.csv"), "timestamp,price,amount\n-1,10,1\n");
        assertThatThrownBy(() -> ticks.ingest(old, opts))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("old-ticks.csv line 2, field timestamp, value -1: timestamp must be from");
        long partitions = StoreChecksum.partitions(PG.jdbcUrl(), "ticks");

        Path two = Files.writeString(
                dir.resolve("two-ticks.csv"), "timestamp,price,amount\n978307200,10,1\n1717200000,11,1\n");
        ticks.ingest(two, opts);

        assertThat(StoreChecksum.partitions(PG.jdbcUrl(), "ticks")).isEqualTo(partitions + 2);
    }

    @Test
    void ingest_timestampPastNowPlusADay_refusedByTheInjectedClock() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2019-06-15T12:00:00Z"));
        IngestOptions opts = IngestOptions.defaults().withLimits(IngestLimits.DEFAULTS.withClock(clock));

        assertThat(bars("tomorrow.csv", H + "2019-06-16T12:00:00Z,AAPL,1h,100,101,99,100.5,1\n", opts)
                        .inserted())
                .isEqualTo(1);
        assertThatThrownBy(() -> bars("future.csv", H + "2019-06-16T13:00:00Z,AAPL,1h,100,101,99,100.5,1\n", opts))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("future.csv line 2, field timestamp, value 2019-06-16T13:00:00Z: timestamp must be from"
                        + " 1970-01-01T00:00:00Z to 2019-06-16T12:00:00Z (ingest.min_timestamp, now +"
                        + " ingest.max_future)");
    }

    @Test
    void ingest_pricesOutOfRange_refusedWithFieldAndValue() {
        assertThatThrownBy(() ->
                        bars("huge.csv", H + "2024-03-05,AAPL,1d,1e308,1e308,99,100.5,1\n", IngestOptions.defaults()))
                .hasMessage("huge.csv line 2, field open, value 1e308: open must be from 0.00000001 to 1000000000"
                        + " (ingest.min_price, ingest.max_price)");
        assertThatThrownBy(() -> bars("tiny.csv", H + "2024-03-05,AAPL,1d,1,1,1e-320,1,1\n", IngestOptions.defaults()))
                .hasMessage("tiny.csv line 2, field low, value 1e-320: low must be from 0.00000001 to 1000000000"
                        + " (ingest.min_price, ingest.max_price)");
    }

    @Test
    void ingest_controlCharactersInInput_escapedInTheMessage() {
        assertThatThrownBy(() -> bars(
                        "ctl.csv",
                        H + "2024-03-05,A\u001b[2J\u001b]0;pwned\u0007B\u009b\u202e,1d,1,1,1,1,1\n",
                        IngestOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value A\\x1b[2J\\x1b]0;pwned\\x07B\\x9b\\u202e: symbol must match")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u202e]"));
    }

    @Test
    void ingest_rejectsFile_neutralisesFormulasKeepsLongValuesWholeAndQuoted() throws Exception {
        String longValue = "9".repeat(150) + "x";
        Path rejects = dir.resolve("formula.rejects.csv");
        bars(
                "formula.csv",
                H + "2024-03-06,\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",1d,1,1,1,1,1\n"
                        + "2024-03-06,AAPL,1d,100,101,99,100.5,-3\n"
                        + "2024-03-06,AAPL,1d,100,101,99," + longValue + ",1\n"
                        + "2024-03-06,@SUM(A1),1d,1,1,1,1,1\n",
                IngestOptions.defaults().withSkipInvalid(true).withRejects(rejects));

        List<String> lines = Files.readAllLines(rejects);
        assertThat(lines.get(1)).startsWith("2,symbol,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",");
        assertThat(lines.get(2)).startsWith("3,volume,'-3,");
        assertThat(lines.get(3)).startsWith("4,close," + longValue + ",");
        assertThat(lines.get(4)).startsWith("5,symbol,'@SUM(A1),");
    }

    @Test
    void ingest_localTimeWithoutOffset_rejectedUnlessTimezoneGiven() throws Exception {
        String local = H + "2024-03-11 09:00:00,AAPL,1h,100,101,99,100.5,1\n";
        assertThatThrownBy(() -> bars("local.csv", local, IngestOptions.defaults()))
                .hasMessage("local.csv line 2, field timestamp, value 2024-03-11 09:00:00: timestamp has no UTC"
                        + " offset: write it as 2024-01-01T02:00:00+00:00 (or ...Z), or give --timezone ZONE to read"
                        + " local times");

        IngestReport r = bars("local.csv", local, IngestOptions.defaults().withTimezone(ZoneId.of("America/New_York")));

        assertThat(r.inserted()).isEqualTo(1);
        assertThat(db.queryOne(
                                "test.local",
                                "SELECT count(*) FROM bars WHERE ts = '2024-03-11T13:00:00Z' AND timeframe = '1h'",
                                io.dgas.store.SqlSession.Binder.NONE,
                                rs -> rs.getLong(1))
                        .orElseThrow())
                .isEqualTo(1);
    }

    @Test
    void ingest_dstGapOrAmbiguousLocalTime_rejectedClearly() {
        IngestOptions ny = IngestOptions.defaults().withTimezone(ZoneId.of("America/New_York"));
        assertThatThrownBy(() -> bars("gap.csv", H + "2024-03-10 02:00:00,AAPL,1h,100,101,99,100.5,1\n", ny))
                .hasMessage("gap.csv line 2, field timestamp, value 2024-03-10 02:00:00: timestamp does not exist in"
                        + " America/New_York (skipped by a daylight-saving change)");
        assertThatThrownBy(() -> bars("fold.csv", H + "2024-11-03 01:00:00,AAPL,1h,100,101,99,100.5,1\n", ny))
                .hasMessage("fold.csv line 2, field timestamp, value 2024-11-03 01:00:00: timestamp is ambiguous in"
                        + " America/New_York (it occurs twice at a daylight-saving change); add its UTC offset");
    }

    @Test
    void ingestAtomically_secondFileBad_commitsNothing() throws Exception {
        Path good = Files.writeString(dir.resolve("a-good.csv"), H + "2024-04-01,AAPL,1d,100,101,99,100.5,1\n");
        Path bad = Files.writeString(dir.resolve("b-bad.csv"), H + "2024-04-02,AAPL,1d,100,99,99,100.5,1\n");
        Path good2 = Files.writeString(dir.resolve("c-good.csv"), H + "2024-04-03,AAPL,1d,100,101,99,100.5,1\n");
        String before = StoreChecksum.of(PG.jdbcUrl());
        BarIngestor ingestor = new BarIngestor(db, IngestListener.NONE);

        assertThatThrownBy(() -> ingestor.ingestAtomically(List.of(good, bad), IngestOptions.defaults()))
                .hasMessageStartingWith("b-bad.csv line 2, field high");
        assertThat(StoreChecksum.of(PG.jdbcUrl())).isEqualTo(before);

        List<IngestReport> both = ingestor.ingestAtomically(List.of(good, good2), IngestOptions.defaults());
        assertThat(both).extracting(IngestReport::inserted).containsExactly(1L, 1L);
        assertThat(both).extracting(IngestReport::source).containsExactly("a-good.csv", "c-good.csv");
    }
}
