package io.dgas.store.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.ingest.TickIngestor;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aggregation against hand-computed buckets, also made again after a soft delete or restore. */
class BarRollupIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;
    static BarRepository repo;
    final List<String> changed = new ArrayList<>();

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        repo = new BarRepository(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** 1m bars i = from..to at 2024-01-01T00:i: open 100+i, high 101+i, low 99.5+i, close 100.5+i, volume 10+i. */
    private static void minuteBars(String symbol, int from, int to) {
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int i = from; i <= to; i++) {
            csv.append(String.format(
                    "2024-01-01T00:%02d:00Z,%s,%s,%s,%s,%s%n", i, 100 + i, 101 + i, 99.5 + i, 100.5 + i, 10 + i));
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        symbol,
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults()
                                .withSymbol(symbol, Timeframe.M1)
                                .withCreateSymbols(true));
    }

    private BarRollup rollup() {
        return new BarRollup(db, (s, tf) -> changed.add(s + "/" + tf.code()));
    }

    private static boolean partial(String symbol, Timeframe tf, String ts) {
        return db.queryOne(
                        "test.partial",
                        "SELECT is_partial FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = ?"
                                + " AND timeframe = ? AND ts = ?::timestamptz",
                        ps -> {
                            ps.setString(1, symbol);
                            ps.setString(2, tf.code());
                            ps.setString(3, ts);
                        },
                        rs -> rs.getBoolean(1))
                .orElseThrow();
    }

    @Test
    void fromBarsSince_boundInsideTheHistory_rewritesOnlyTheBucketsFromTheOneHoldingIt() {
        minuteBars("AGS", 0, 20);
        rollup().fromBars(List.of("AGS"), Timeframe.M1, List.of(Timeframe.M5), false, null);
        // minute 2 and minute 12 change (high +10): only the second falls in the bound's stretch
        minuteBarsHigh("AGS", 2, 111 + 2);
        minuteBarsHigh("AGS", 12, 111 + 12);
        long since = Instant.parse("2024-01-01T00:11:00Z").getEpochSecond(); // inside bucket 00:10

        List<RollupResult> r = rollup().fromBarsSince(List.of("AGS"), Timeframe.M1, List.of(Timeframe.M5), since);

        assertThat(r).containsExactly(new RollupResult("AGS", Timeframe.M5, 0, 1));
        BarColumns five = repo.last("AGS", Timeframe.M5, 10);
        // 00:00 keeps 105 although minute 2 now peaks at 113; 00:10 takes minute 12's 123; 00:15 unchanged
        // unchanged
        assertThat(five.high()).containsExactly(105, 110, 123, 120);
    }

    /** Minute {@code i}'s bar again with another high. */
    private static void minuteBarsHigh(String symbol, int i, double high) {
        String csv = "timestamp,open,high,low,close,volume\n"
                + String.format(
                        "2024-01-01T00:%02d:00Z,%s,%s,%s,%s,%s%n", i, 100 + i, high, 99.5 + i, 100.5 + i, 10 + i);
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        symbol,
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withSymbol(symbol, Timeframe.M1));
    }

    @Test
    void fromBars_oneMinuteToFive_writesCompleteBucketsOnlyThenPartialThenReplacesIt() {
        minuteBars("AGG", 0, 11);

        List<RollupResult> first = rollup().fromBars(List.of("AGG"), Timeframe.M1, List.of(Timeframe.M5), false, null);

        // bucket 00:00 = minutes 0..4: open 100, high max(101..105) = 105, low min(99.5..103.5) = 99.5,
        //   close 100.5+4 = 104.5, volume 10+11+12+13+14 = 60
        // bucket 00:05 = minutes 5..9: open 105, high 110, low 104.5, close 109.5, volume 15+16+17+18+19 = 85
        // bucket 00:10 holds minutes 10..11 only; no data at/after 00:15, so it is incomplete and not written
        assertThat(first).containsExactly(new RollupResult("AGG", Timeframe.M5, 2, 0));
        BarColumns five = repo.last("AGG", Timeframe.M5, 10);
        assertThat(five.ts())
                .containsExactly(
                        Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2024-01-01T00:05:00Z").getEpochSecond());
        assertThat(five.open()).containsExactly(100, 105);
        assertThat(five.high()).containsExactly(105, 110);
        assertThat(five.low()).containsExactly(99.5, 104.5);
        assertThat(five.close()).containsExactly(104.5, 109.5);
        assertThat(five.volume()).containsExactly(60, 85);
        assertThat(changed).containsExactly("AGG/5m");

        List<RollupResult> withPartial =
                rollup().fromBars(List.of("AGG"), Timeframe.M1, List.of(Timeframe.M5), true, null);

        // the forming bucket 00:10 = minutes 10..11: open 110, high 112, low 109.5, close 111.5, volume 20+21 = 41
        assertThat(withPartial).containsExactly(new RollupResult("AGG", Timeframe.M5, 1, 0));
        assertThat(partial("AGG", Timeframe.M5, "2024-01-01T00:10:00Z")).isTrue();
        assertThat(repo.last("AGG", Timeframe.M5, 1).volume()).containsExactly(41);

        minuteBars("AGG", 12, 15);
        List<RollupResult> completed =
                rollup().fromBars(List.of("AGG"), Timeframe.M1, List.of(Timeframe.M5), false, null);

        // minute 15 exists now, so 00:10 is complete: minutes 10..14, close 114.5, high 115, volume 20+..+24 = 110
        assertThat(completed).containsExactly(new RollupResult("AGG", Timeframe.M5, 0, 1));
        assertThat(partial("AGG", Timeframe.M5, "2024-01-01T00:10:00Z")).isFalse();
        BarColumns last = repo.last("AGG", Timeframe.M5, 1);
        assertThat(last.close()).containsExactly(114.5);
        assertThat(last.high()).containsExactly(115);
        assertThat(last.volume()).containsExactly(110);

        List<RollupResult> again = rollup().fromBars(List.of("AGG"), Timeframe.M1, List.of(Timeframe.M5), false, null);
        assertThat(again).as("nothing changed, nothing rewritten").isEmpty();
    }

    @Test
    void fromTicks_tradesIntoMinuteBars_ohlcVolumeAndCount() {
        String ticks = "timestamp,price,amount\n"
                + "1704067210,10,1\n" // 00:00:10
                + "1704067250,12,2\n" // 00:00:50
                + "1704067250,11,1\n" // 00:00:50, seq 1: the last trade of the minute
                + "1704067290,9,3\n" // 00:01:30
                + "1704067320,10,1\n"; // 00:02:00: makes 00:01 complete; 00:02 itself is not
        new TickIngestor(db)
                .ingest(
                        "t.csv",
                        new StringReader(ticks),
                        null,
                        IngestOptions.defaults().withSymbol("TCK", null).withCreateSymbols(true));

        List<RollupResult> r = rollup().fromTicks(List.of("TCK"), List.of(Timeframe.M1), false, null);

        assertThat(r).containsExactly(new RollupResult("TCK", Timeframe.M1, 2, 0));
        BarColumns m = repo.last("TCK", Timeframe.M1, 10);
        assertThat(m.open()).containsExactly(10, 9);
        assertThat(m.high()).containsExactly(12, 9);
        assertThat(m.low()).containsExactly(10, 9);
        assertThat(m.close()).containsExactly(11, 9);
        assertThat(m.volume()).containsExactly(4, 3); // 1+2+1, 3
        List<Integer> counts = db.query(
                "test.counts",
                "SELECT trade_count FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = 'TCK'"
                        + " ORDER BY ts",
                ps -> {},
                rs -> rs.getInt(1));
        assertThat(counts).containsExactly(3, 1);
    }

    @Test
    void fromBars_newYorkSession_dailyBarFromSessionBarsStampedAtSessionDate() {
        // 2024-01-02 (EST, UTC-5): 30m bars from 14:00 to 22:00 UTC = 09:00 to 17:00 New York.
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int k = 0; k <= 16; k++) {
            int minutes = 14 * 60 + 30 * k;
            csv.append(String.format(
                    "2024-01-02T%02d:%02d:00Z,%d,%d,%d,%d,1%n",
                    minutes / 60, minutes % 60, 50 + k, 60 + k, 40 + k, 55 + k));
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "s.csv",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults()
                                .withSymbol("SESS", Timeframe.M30)
                                .withCreateSymbols(true));

        List<RollupResult> r = rollup().fromBars(
                        List.of("SESS"),
                        Timeframe.M30,
                        List.of(Timeframe.D1),
                        false,
                        Session.parse("America/New_York", "09:30-16:00"));

        // session bars: 09:30..15:30 local = k 1..13; open = 50+1, close = 55+13, high = 60+13, low = 40+1,
        // volume = 13 bars x 1. The 16:00 and later bars (k >= 14) exist, so the session day is complete.
        assertThat(r).containsExactly(new RollupResult("SESS", Timeframe.D1, 1, 0));
        BarColumns d = repo.last("SESS", Timeframe.D1, 5);
        assertThat(d.ts()).containsExactly(Instant.parse("2024-01-02T00:00:00Z").getEpochSecond());
        assertThat(d.open()).containsExactly(51);
        assertThat(d.close()).containsExactly(68);
        assertThat(d.high()).containsExactly(73);
        assertThat(d.low()).containsExactly(41);
        assertThat(d.volume()).containsExactly(13);
    }

    @Test
    void fromBars_weekly_bucketStartsOnMondayAcrossAMonthBoundary() {
        // Daily bars Thu 2024-02-01 .. Tue 2024-02-06; week of Mon 2024-01-29 holds Thu..Sun (4 bars) and is
        // complete because Mon 2024-02-05 exists; the week of 2024-02-05 is still forming.
        StringBuilder csv = new StringBuilder("date,open,high,low,close,volume\n");
        for (int day = 1; day <= 6; day++) {
            csv.append(String.format("2024-02-%02d,%d,%d,%d,%d,%d%n", day, 10 + day, 20 + day, 5 + day, 12 + day, day));
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "w.csv",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults()
                                .withSymbol("WEEK", Timeframe.D1)
                                .withCreateSymbols(true));

        rollup().fromBars(List.of("WEEK"), Timeframe.D1, List.of(Timeframe.W1), false, null);

        BarColumns w = repo.last("WEEK", Timeframe.W1, 5);
        assertThat(w.ts()).containsExactly(Instant.parse("2024-01-29T00:00:00Z").getEpochSecond());
        assertThat(w.open()).containsExactly(11); // Thu 1st
        assertThat(w.close()).containsExactly(16); // Sun 4th: 12 + 4
        assertThat(w.volume()).containsExactly(10); // 1+2+3+4
    }

    @Test
    void fromBars_targetNotAMultiple_isRejected() {
        assertThatThrownBy(() -> rollup().fromBars(List.of(), Timeframe.H1, List.of(Timeframe.M5), false, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot aggregate 1h bars into 5m");
    }

    /**
     * The symbol's 1m bars 0..15 ({@link #minuteBars}) and their complete 5m buckets 00:00, 00:05 and 00:10 (00:15 is
     * not complete), for the soft delete and restore that make them again ({@link AggregateRebuild}).
     */
    private static void seed(String symbol) {
        minuteBars(symbol, 0, 15);
        new BarRollup(db, IngestListener.NONE)
                .fromBars(List.of(symbol), Timeframe.M1, List.of(Timeframe.M5), false, null);
    }

    private SoftDelete softDelete() {
        return new SoftDelete(
                db,
                Clock.fixed(Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC),
                (s, tf) -> changed.add(s + "/" + tf.code()));
    }

    private static SoftDelete.Selection minutes(String symbol, int from, int to) {
        return new SoftDelete.Selection(
                symbol,
                Timeframe.M1,
                Instant.parse(String.format("2024-01-01T00:%02d:00Z", from)),
                Instant.parse(String.format("2024-01-01T00:%02d:00Z", to)));
    }

    @Test
    void delete_aBadPrintWithRebuild_itsBucketNoLongerHoldsIt() {
        seed("RBA");

        // minute 9, the 00:05 bucket's last: high 110, close 109.5, volume 19
        SoftDelete.Changed c = softDelete().delete(minutes("RBA", 9, 10), List.of(Timeframe.M5));

        assertThat(c.bars()).isEqualTo(1);
        assertThat(c.rebuilt()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(Timeframe.M5);
            // the 00:05 bucket rewritten, and no other: the range meets no other bucket
            assertThat(r.written()).isOne();
            assertThat(r.deleted()).isZero();
        });
        BarColumns five = repo.last("RBA", Timeframe.M5, 10);
        assertThat(five.size())
                .as("00:00, 00:05, 00:10; the forming 00:15 not written")
                .isEqualTo(3);
        // 00:05 from minutes 5..8: open 105, high 101 + 8, low 104.5, close 100.5 + 8, volume 15 + 16 + 17 + 18
        assertThat(five.open()[1]).isEqualTo(105.0);
        assertThat(five.high()[1]).isEqualTo(109.0);
        assertThat(five.low()[1]).isEqualTo(104.5);
        assertThat(five.close()[1]).isEqualTo(108.5);
        assertThat(five.volume()[1]).isEqualTo(15 + 16 + 17 + 18);
        // the other complete buckets as aggregated: 00:00 volume 10 + … + 14, 00:10 volume 20 + … + 24
        assertThat(five.volume()[0]).isEqualTo(60);
        assertThat(five.volume()[2]).isEqualTo(110);
        assertThat(changed).contains("RBA/1m", "RBA/5m");
    }

    @Test
    void deleteThenRestore_aWholeBucketWithRebuild_deletedThenBack() {
        seed("RBB");
        BarColumns before = repo.last("RBB", Timeframe.M5, 3);

        SoftDelete.Changed gone = softDelete().delete(minutes("RBB", 5, 10), List.of(Timeframe.M5));
        BarColumns during = repo.last("RBB", Timeframe.M5, 10);
        SoftDelete.Changed back = softDelete().restore(minutes("RBB", 5, 10), List.of(Timeframe.M5));
        SoftDelete.Changed again = softDelete().restore(minutes("RBB", 5, 10), List.of(Timeframe.M5));

        assertThat(gone.bars()).isEqualTo(5);
        assertThat(gone.rebuilt().get(0).deleted())
                .as("the 00:05 bucket has no 1m bar left")
                .isEqualTo(1);
        assertThat(gone.rebuilt().get(0).written()).isZero();
        assertThat(during.ts())
                .as("00:00 and 00:10")
                .containsExactly(
                        Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2024-01-01T00:10:00Z").getEpochSecond());
        assertThat(back.bars()).isEqualTo(5);
        assertThat(back.rebuilt().get(0).written())
                .as("the 00:05 bucket restored")
                .isEqualTo(1);
        BarColumns after = repo.last("RBB", Timeframe.M5, 4);
        assertThat(after.volume()[1]).isEqualTo(before.volume()[1]).isEqualTo(15 + 16 + 17 + 18 + 19);
        assertThat(after.high()[1]).isEqualTo(before.high()[1]);
        assertThat(again.bars()).isZero();
        assertThat(again.rebuilt().get(0).written()).as("idempotent").isZero();
        assertThat(again.rebuilt().get(0).deleted()).isZero();
    }

    @Test
    void delete_rebuildOverTheWholeSeries_aBucketThatNeverHadSourceBarsStays() throws Exception {
        seed("RBD");
        // an hour bucket before the minutes, loaded alone (a vendor's bar): no 1m bar ever lay in it
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "RBD",
                        new StringReader(
                                "timestamp,open,high,low,close,volume\n2023-12-31T23:55:00Z,99,100,98,99.5,5\n"),
                        null,
                        IngestOptions.defaults().withSymbol("RBD", Timeframe.M5));

        SoftDelete.Changed c =
                softDelete().delete(new SoftDelete.Selection("RBD", Timeframe.M1, null, null), List.of(Timeframe.M5));

        assertThat(c.bars()).isEqualTo(16);
        assertThat(c.rebuilt().get(0).deleted()).as("00:00, 00:05 and 00:10").isEqualTo(3);
        assertThat(repo.last("RBD", Timeframe.M5, 10).ts())
                .containsExactly(Instant.parse("2023-12-31T23:55:00Z").getEpochSecond());
    }

    @Test
    void delete_rebuildNotAMultipleOrWithoutATimeframe_refusedBeforeAnyChange() {
        seed("RBC");

        assertThatThrownBy(() -> softDelete().delete(minutes("RBC", 0, 5), List.of(Timeframe.M1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot rebuild 1m bars from 1m bars");
        assertThatThrownBy(() ->
                        softDelete().delete(new SoftDelete.Selection("RBC", null, null, null), List.of(Timeframe.M5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs the timeframe they are built from");
        assertThat(repo.last("RBC", Timeframe.M1, 100).size())
                .as("nothing deleted")
                .isEqualTo(16);
    }
}
