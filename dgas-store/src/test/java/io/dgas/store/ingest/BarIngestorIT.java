package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bars ingest against a real database: idempotency, corrections, skip-invalid, symbols, date-only timestamps. */
class BarIngestorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";

    static Database db;
    static BarRepository repo;
    final List<String> changed = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        repo = new BarRepository(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private BarIngestor ingestor() {
        return new BarIngestor(db, (s, tf) -> changed.add(s + "/" + tf.code()));
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void ingest_sameFileTwice_secondRunChangesNothing() throws Exception {
        Path f = file(
                "idem.csv",
                HEADER + "2024-01-01T00:00:00+00:00,IDEM,1h,100,101,99,100.5,10\n"
                        + "2024-01-01T01:00:00+00:00,IDEM,1h,100.5,102,100,101,11\n"
                        + "2024-01-01T02:00:00Z,IDEM,1h,101,103,100.5,102,12\n");
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);

        IngestReport first = ingestor().ingest(f, opts);
        changed.clear();
        IngestReport second = ingestor().ingest(f, opts);

        assertThat(first.inserted()).isEqualTo(3);
        assertThat(first.series()).containsExactly("IDEM/1h");
        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(changed).as("no series changed, no notification").isEmpty();
    }

    @Test
    void ingest_intoANewPartition_leavesItAnalyzed() throws Exception {
        ingestor()
                .ingest(
                        quarterHours("STATS", "2019-03"),
                        IngestOptions.defaults().withCreateSymbols(true));

        // it had no statistics (reltuples -1) until autovacuum came, and the planner took it for nearly empty
        assertThat(reltuples("bars_y2019m03")).isEqualTo(1200);
    }

    @Test
    void ingest_secondBulkLoadIntoAnAnalyzedPartition_analyzesItAgain() throws Exception {
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingestor().ingest(quarterHours("STATA", "2019-05"), opts);

        ingestor().ingest(quarterHours("STATB", "2019-05"), opts);

        // the second load's rows reach the shared statistics up to a second after its commit: asked then, they were
        // not seen, and the partition kept the first load's 1,200
        assertThat(reltuples("bars_y2019m05")).isEqualTo(2400);
    }

    /** A bulk load (PartitionStatistics.MIN_ROWS rows at least): 1,200 quarter hours from the first of {@code month}. */
    private Path quarterHours(String ticker, String month) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        Instant t = Instant.parse(month + "-01T00:00:00Z");
        for (int k = 0; k < 1200; k++) {
            csv.append(t.plusSeconds(900L * k)).append(',').append(ticker).append(",15m,100,101,99,100.5,10\n");
        }
        return file(ticker + ".csv", csv.toString());
    }

    private static double reltuples(String partition) {
        return db.queryOne(
                        "test.reltuples",
                        "SELECT reltuples FROM pg_class WHERE relname = ?",
                        ps -> ps.setString(1, partition),
                        rs -> rs.getDouble(1))
                .orElseThrow();
    }

    @Test
    void ingest_oneCorrectedBar_updatesExactlyThatBarVisibleOnRead() throws Exception {
        String rows = "2024-01-02T00:00:00Z,CORR,1h,100,101,99,100.5,10\n"
                + "2024-01-02T01:00:00Z,CORR,1h,100.5,102,100,101,11\n";
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingestor().ingest(file("a.csv", HEADER + rows), opts);

        IngestReport fix = ingestor()
                .ingest(
                        file(
                                "b.csv",
                                HEADER + "2024-01-02T00:00:00Z,CORR,1h,100,101,99,100.5,10\n"
                                        + "2024-01-02T01:00:00Z,CORR,1h,100.5,104,100,103.25,11\n"),
                        opts);

        assertThat(fix.inserted()).isZero();
        assertThat(fix.updated()).isOne();
        assertThat(fix.unchanged()).isOne();
        BarColumns read = repo.range(
                "CORR", Timeframe.H1, Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(read.close()).containsExactly(100.5, 103.25);
        assertThat(read.high()).containsExactly(101, 104);
    }

    @Test
    void ingest_adjustedFromYahooFile_pricesScaledToTheAdjustedCloseAndAFileWithoutItRefused() throws Exception {
        // a 2-for-1 split between the two days: written 200 then 100, adjusted 100 then 100
        Path f = file(
                "y.csv",
                "Date,Open,High,Low,Close,Adj Close,Volume\n"
                        + "2024-06-03,198,204,196,200,100,1000\n"
                        + "2024-06-04,101,103,99,100,100,2000\n");
        Path plain = file("p.csv", "date,open,high,low,close,volume\n2024-06-05,101,103,99,100,5\n");
        IngestOptions opts = IngestOptions.defaults()
                .withSymbol("SPLT", Timeframe.D1)
                .withCreateSymbols(true)
                .withAdjusted(true);

        IngestReport r = ingestor().ingest(f, opts);
        org.assertj.core.api.ThrowableAssert.ThrowingCallable noColumn =
                () -> ingestor().ingest(plain, opts);

        assertThat(r.inserted()).isEqualTo(2);
        BarColumns read = repo.last("SPLT", Timeframe.D1, 5);
        assertThat(read.close()).containsExactly(100, 100);
        assertThat(read.open()).containsExactly(198 * 0.5, 101);
        assertThat(read.high()).containsExactly(204 * 0.5, 103);
        assertThat(read.low()).containsExactly(196 * 0.5, 99);
        assertThat(read.volume()).as("volume as written").containsExactly(1000, 2000);
        org.assertj.core.api.Assertions.assertThatThrownBy(noColumn)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p.csv line 1, field header")
                .hasMessageContaining("missing column(s) adjusted close (adj close, adjusted_close");
    }

    @Test
    void ingest_dateOnlyDailyBars_storedAtMidnightUtcOfThatDate() throws Exception {
        Path f = file("d.csv", "date,open,high,low,close,volume\n2013-01-02,553.82,555.00,541.63,549.03,20018500\n");

        IngestReport r = ingestor()
                .ingest(
                        f,
                        IngestOptions.defaults()
                                .withSymbol("daily", Timeframe.parse("D"))
                                .withCreateSymbols(true));

        assertThat(r.inserted()).isOne();
        BarColumns read = repo.last("DAILY", Timeframe.D1, 5);
        assertThat(read.ts())
                .containsExactly(Instant.parse("2013-01-02T00:00:00Z").getEpochSecond());
        String stored = db.queryOne(
                        "test.tf",
                        "SELECT timeframe || ' ' || to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM bars b"
                                + " JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = 'DAILY'",
                        ps -> {},
                        rs -> rs.getString(1))
                .orElseThrow();
        assertThat(stored).as("alias D stored as the canonical code").isEqualTo("1d 2013-01-02 00:00");
    }

    @Test
    void ingest_skipInvalid_writesGoodRowsAndRejectsCsv() throws Exception {
        Path f = file(
                "mixed.csv",
                HEADER + "2024-01-03T00:00:00Z,SKIP,1h,100,101,99,100.5,10\n"
                        + "2024-01-03T01:00:00Z,SKIP,1h,100,99,101,100.5,10\n"
                        + "2024-01-03T02:00:00Z,SKIP,1h,100,101,99,100.5,-1\n"
                        + "2024-01-03T00:00:00Z,SKIP,1h,100,101,99,100.5,10\n"
                        + "2024-01-03T03:00:00Z,SKIP,1h,100,101,99,100.5,10\n");

        IngestReport r = ingestor()
                .ingest(f, IngestOptions.defaults().withCreateSymbols(true).withSkipInvalid(true));

        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(3);
        assertThat(r.rejectsFile())
                .isEqualTo(dir.resolve("mixed.csv.rejects.csv").toString());
        assertThat(Files.readAllLines(Path.of(r.rejectsFile())))
                .containsExactly(
                        "line,field,value,reason",
                        "3,high,99,\"high must be >= max(open, close) (100.5)\"",
                        "4,volume,'-1,volume must be >= 0",
                        "5,timestamp,2024-01-03T00:00:00Z,"
                                + "\"duplicate of line 2 (same symbol, interval and timestamp)\"");
        assertThat(repo.count("SKIP", Timeframe.H1)).isEqualTo(2);
    }

    @Test
    void ingest_unknownSymbolWithoutCreate_failsAndCreateSymbolsAddsIt() throws Exception {
        Path f = file("new.csv", HEADER + "2024-01-04T00:00:00Z,NEWSYM,1h,1,2,0.5,1.5,0\n");

        assertThatThrownBy(() -> ingestor().ingest(f, IngestOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("new.csv line 2, field symbol, value NEWSYM: unknown symbol; add it with --create-symbols");
        IngestReport r = ingestor().ingest(f, IngestOptions.defaults().withCreateSymbols(true));

        assertThat(r.inserted()).isOne();
        assertThat(repo.count("NEWSYM", Timeframe.H1)).isOne();
    }

    @Test
    void ingest_softDeletedBarIngestedAgain_isRestoredAndCountedUpdated() throws Exception {
        Path f = file("del.csv", HEADER + "2024-01-05T00:00:00Z,RESTO,1h,1,2,0.5,1.5,0\n");
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingestor().ingest(f, opts);
        db.update(
                "test.soft-delete",
                "UPDATE bars SET deleted_at = now() WHERE symbol_id = (SELECT id FROM symbols"
                        + " WHERE ticker = 'RESTO')",
                ps -> {});
        assertThat(repo.count("RESTO", Timeframe.H1)).isZero();

        IngestReport r = ingestor().ingest(f, opts);

        assertThat(r.updated()).isOne();
        assertThat(repo.count("RESTO", Timeframe.H1)).isOne();
    }

    @Test
    void ingest_unsortedFileAcrossMonths_createsPartitionsAndLoadsAll() throws Exception {
        Path f = file(
                "months.csv",
                HEADER + "2023-06-15T00:00:00Z,MONTHS,1d,1,2,0.5,1.5,0\n"
                        + "2023-04-15T00:00:00Z,MONTHS,1d,1,2,0.5,1.5,0\n"
                        + "2023-05-15T00:00:00Z,MONTHS,1d,1,2,0.5,1.5,0\n");

        IngestReport r = ingestor().ingest(f, IngestOptions.defaults().withCreateSymbols(true));

        assertThat(r.inserted()).isEqualTo(3);
        List<String> parts = db.query(
                "test.parts",
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'bars'::regclass",
                ps -> {},
                rs -> rs.getString(1));
        assertThat(parts).contains("bars_y2023m04", "bars_y2023m05", "bars_y2023m06");
    }

    @Test
    void ingest_newSymbolFileWithBadRow_createsNoSymbolAndNoBars() throws Exception {
        Path f = file(
                "rollback.csv",
                HEADER + "2024-01-06T00:00:00Z,GONE,1h,1,2,0.5,1.5,0\n"
                        + "2024-01-06T01:00:00Z,GONE,1h,1,2,0.5,1.5,-3\n");
        Counts before = Counts.of(db);

        assertThatThrownBy(() -> ingestor().ingest(f, IngestOptions.defaults().withCreateSymbols(true)))
                .hasMessage("rollback.csv line 3, field volume, value -3: volume must be >= 0");
        assertThat(Counts.of(db)).isEqualTo(before);
        assertThat(changed).isEmpty();
    }
}
