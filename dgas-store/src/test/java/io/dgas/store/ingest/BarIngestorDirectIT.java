package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.testkit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct-COPY fast path of {@link BarIngestor}: a file of new, duplicate-free data is copied straight into {@code
 * bars} (statement {@code ingest.bars.copy-direct}); anything else goes through staging; a key stored by another
 * writer between the check and the COPY sends the load back through staging with nothing lost or doubled.
 */
class BarIngestorDirectIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";

    static final List<String> statements = new CopyOnWriteArrayList<>();
    /** Runs once when the named statement completes, then clears itself. */
    static volatile Consumer<String> onStatement = name -> {};

    static Database db;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (name, nanos, rows, failed) -> {
            statements.add(name);
            onStatement.accept(name);
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void reset() {
        statements.clear();
        onStatement = name -> {};
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static IngestReport ingest(Path f) {
        return new BarIngestor(db, IngestListener.NONE)
                .ingest(f, IngestOptions.defaults().withCreateSymbols(true));
    }

    @Test
    void ingest_assetClassGiven_createsNewSymbolsOfThatClassOnBothPaths_existingKeepTheirs() throws Exception {
        IngestOptions crypto = IngestOptions.defaults().withCreateSymbols(true).withAssetClass("Crypto");
        // new data of a new symbol: the direct path
        new BarIngestor(db, IngestListener.NONE)
                .ingest(file("direct.csv", HEADER + "2024-05-01T00:00:00Z,CLSA,1h,10,11,9,10.5,1\n"), crypto);
        assertThat(statements).contains("ingest.bars.copy-direct");
        statements.clear();
        // a second new symbol beside a stored row of the first: staged
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        file(
                                "staged.csv",
                                HEADER + "2024-05-01T00:00:00Z,CLSA,1h,10,11,9,10.5,1\n"
                                        + "2024-05-01T00:00:00Z,CLSB,1h,10,11,9,10.5,1\n"),
                        crypto.withAssetClass("etf"));
        assertThat(statements).doesNotContain("ingest.bars.copy-direct");

        assertThat(new io.dgas.store.bars.SymbolRepository(db).assetClasses(List.of("CLSA", "CLSB", "NONE")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("CLSA", "crypto", "CLSB", "etf"));
    }

    @Test
    void withAssetClass_unknownClass_isRefusedNamingTheAcceptedOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> IngestOptions.defaults().withAssetClass("bond"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bond'")
                .hasMessageContaining("stock, etf, future, crypto, forex, index, other");
    }

    @Test
    void ingest_newTimeMajorFileOfNewSymbols_copiesStraightIntoBars() throws Exception {
        // rows ordered by time, then symbol: each series still strictly increases, so no key can repeat
        Path f = file(
                "interleaved.csv",
                HEADER + "2024-03-31T23:00:00Z,DIRA,1h,10,11,9,10.5,1\n"
                        + "2024-03-31T23:00:00Z,DIRB,1h,20,21,19,20.5,2\n"
                        + "2024-04-01T00:00:00Z,DIRA,1h,10.5,12,10,11,3\n"
                        + "2024-04-01T00:00:00Z,DIRB,1h,20.5,22,20,21,4\n");

        IngestReport r = ingest(f);

        assertThat(statements).contains("ingest.bars.copy-direct").doesNotContain("ingest.bars.copy");
        assertThat(r.inserted()).isEqualTo(4);
        assertThat(r.updated() + r.unchanged()).isZero();
        assertThat(r.series()).containsExactly("DIRA/1h", "DIRB/1h");
        BarColumns b = new BarRepository(db)
                .range(
                        "DIRB",
                        Timeframe.H1,
                        Instant.parse("2024-03-31T00:00:00Z"),
                        Instant.parse("2024-04-02T00:00:00Z"));
        assertThat(b.close()).containsExactly(20.5, 21.0);
        assertThat(b.volume()).containsExactly(2.0, 4.0);
    }

    @Test
    void ingest_direct_checksSymbolsSetBasedAndLeavesNoSessionStateBehind() throws Exception {
        ingest(file("fk.csv", HEADER + "2024-07-01T00:00:00Z,FKA,1h,10,11,9,10.5,1\n"));

        assertThat(statements)
                .containsSubsequence(
                        "ingest.bars.lock-symbols",
                        "ingest.bars.suspend-triggers",
                        "ingest.bars.copy-direct",
                        "ingest.bars.resume-triggers");
        // the pool hands this thread the connection it used last: the one the load ran on
        assertThat(db.queryOne(
                        "test.role", "SHOW session_replication_role", SqlSession.Binder.NONE, rs -> rs.getString(1)))
                .contains("origin");
    }

    @Test
    void ingest_direct_withAUserTriggerOnBars_keepsTriggersFiring() throws Exception {
        db.update("test.trigger-table", "CREATE TABLE fired (n bigint)", SqlSession.Binder.NONE);
        db.update(
                "test.trigger-fn",
                "CREATE FUNCTION count_bar() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO fired VALUES (1); RETURN NEW; END $$",
                SqlSession.Binder.NONE);
        db.update(
                "test.trigger",
                "CREATE TRIGGER count_bar AFTER INSERT ON bars FOR EACH ROW EXECUTE FUNCTION count_bar()",
                SqlSession.Binder.NONE);
        try {
            ingest(file(
                    "trig.csv",
                    HEADER + "2024-08-01T00:00:00Z,TRIG,1h,10,11,9,10.5,1\n"
                            + "2024-08-01T01:00:00Z,TRIG,1h,10.5,12,10,11,3\n"));

            assertThat(statements).contains("ingest.bars.copy-direct").doesNotContain("ingest.bars.suspend-triggers");
            assertThat(db.queryOne(
                            "test.fired", "SELECT count(*) FROM fired", SqlSession.Binder.NONE, rs -> rs.getLong(1)))
                    .contains(2L);
        } finally {
            db.update("test.drop-trigger", "DROP TRIGGER count_bar ON bars", SqlSession.Binder.NONE);
        }
    }

    @Test
    void ingest_fileOverlappingStoredRows_goesThroughStagingAndStaysIdempotent() throws Exception {
        Path f = file(
                "again.csv",
                HEADER + "2024-05-01T00:00:00Z,AGAIN,1h,10,11,9,10.5,1\n"
                        + "2024-05-01T01:00:00Z,AGAIN,1h,10.5,12,10,11,3\n");
        ingest(f);
        statements.clear();

        IngestReport second = ingest(f);

        assertThat(statements).contains("ingest.bars.copy").doesNotContain("ingest.bars.copy-direct");
        assertThat(second.inserted()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
    }

    @Test
    void ingest_keyStoredByAnotherWriterAfterTheCheck_fallsBackToStagingWithExactCounts() throws Exception {
        // the symbol and the June partition exist beforehand, so the racing writer needs nothing the load holds
        ingest(file("seed.csv", HEADER + "2024-06-01T00:00:00Z,RACE,1d,1,2,0.5,1.5,0\n"));
        Path f = file(
                "race.csv",
                HEADER + "2024-06-03T00:00:00Z,RACE,1h,10,11,9,10.5,1\n"
                        + "2024-06-03T01:00:00Z,RACE,1h,10.5,12,10,11,3\n");
        onStatement = name -> {
            if (name.equals("ingest.bars.overlap")) {
                onStatement = n -> {};
                db.update(
                        "test.race-insert",
                        "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume)"
                                + " SELECT id, '1h', ?, 10, 11, 9, 10.25, 1 FROM symbols WHERE ticker = 'RACE'",
                        ps -> ps.setTimestamp(1, Timestamp.from(Instant.parse("2024-06-03T00:00:00Z"))));
            }
        };

        IngestReport r = ingest(f);

        assertThat(statements).contains("ingest.bars.copy-direct", "ingest.bars.copy");
        assertThat(r.inserted()).as("the row the other writer did not store").isOne();
        assertThat(r.updated())
                .as("the racing row differs in close: corrected by the file")
                .isOne();
        long rows = db.queryOne(
                        "test.race-count",
                        "SELECT count(*) FROM bars b JOIN symbols y ON y.id = b.symbol_id"
                                + " WHERE y.ticker = 'RACE' AND b.timeframe = '1h' AND b.close IN (10.5, 11)",
                        SqlSession.Binder.NONE,
                        rs -> rs.getLong(1))
                .orElseThrow();
        assertThat(rows).isEqualTo(2);
    }
}
