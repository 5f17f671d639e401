package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.partition.PartitionInfo;
import io.dgas.store.partition.Partitions;
import io.dgas.store.ticks.TickRepository;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ticks ingest: both CSV forms, idempotency, ordering rule, quotes, partitions listing. */
class TickIngestorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static IngestReport ingest(String symbol, String csv) {
        return new TickIngestor(db)
                .ingest(
                        "ticks.csv",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withSymbol(symbol, null).withCreateSymbols(true));
    }

    @Test
    void ingest_bitstampFormTwice_secondRunUnchanged() {
        String csv = "timestamp,price,amount\n1385337600,800.01,0.1\n1385337613,800.05,0.27\n1385337613,800.05,0.17\n";

        IngestReport first = ingest("BTCX", csv);
        IngestReport second = ingest("BTCX", csv);

        assertThat(first.inserted()).isEqualTo(3);
        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(new TickRepository(db).count("BTCX")).isEqualTo(3);
        assertThat(db.queryOne(
                                "test.last",
                                "SELECT last_price FROM symbols WHERE ticker = 'BTCX'",
                                ps -> {},
                                rs -> rs.getDouble(1))
                        .orElseThrow())
                .isEqualTo(800.05);
    }

    @Test
    void ingest_createsSymbolWithAssetClass_whenGiven_elseStock() {
        new TickIngestor(db)
                .ingest(
                        "ticks.csv",
                        new StringReader("timestamp,price,amount\n1385337600,800.01,0.1\n"),
                        null,
                        IngestOptions.defaults()
                                .withSymbol("CLSC", null)
                                .withCreateSymbols(true)
                                .withAssetClass("crypto"));
        ingest("CLSD", "timestamp,price,amount\n1385337600,10,1\n");

        assertThat(new io.dgas.store.bars.SymbolRepository(db).assetClasses(java.util.List.of("CLSC", "CLSD")))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("CLSC", "crypto", "CLSD", "stock"));
    }

    @Test
    void ingest_generalFormWithEmptyQuotes_storesNulls() {
        IngestReport r = ingest(
                "QUO",
                "timestamp,price,size,bid,ask,bid_size,ask_size\n"
                        + "2024-07-01T10:00:00.123456Z,10,1,9.9,10.1,5,6\n"
                        + "2024-07-01T10:00:01Z,10.05,2,,,,\n");

        assertThat(r.inserted()).isEqualTo(2);
        List<String> rows = db.query(
                "test.quotes",
                "SELECT to_char(ts AT TIME ZONE 'UTC', 'HH24:MI:SS.US') || ' ' || coalesce(bid::text, 'null') FROM"
                        + " ticks t JOIN symbols y ON y.id = t.symbol_id WHERE y.ticker = 'QUO' ORDER BY ts",
                ps -> {},
                rs -> rs.getString(1));
        assertThat(rows).containsExactly("10:00:00.123456 9.9", "10:00:01.000000 null");
    }

    @Test
    void ingest_outOfOrderTick_failsNamingLines() {
        Counts before = Counts.of(db);

        assertThatThrownBy(() -> ingest("ORD", "timestamp,price,amount\n1385337613,800,1\n1385337600,801,1\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ticks.csv line 3, field timestamp, value 1385337600: ticks must be in time order;"
                        + " earlier than line 2");
        assertThat(Counts.of(db)).isEqualTo(before);
    }

    @Test
    void ingest_crossedQuote_failsNamingTheBidNothingStored() {
        Counts before = Counts.of(db);

        assertThatThrownBy(() -> ingest(
                        "CRS",
                        "timestamp,price,size,bid,ask,bid_size,ask_size\n"
                                + "2024-07-01T10:00:00Z,100,1,99.9,100.1,5,6\n"
                                + "2024-07-01T10:00:01Z,100,1,101,99,5,6\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ticks.csv line 3, field bid, value 101: bid must not be above ask (99): a crossed quote");
        assertThat(Counts.of(db)).isEqualTo(before);
        IngestReport locked = ingest(
                "CRS", "timestamp,price,size,bid,ask,bid_size,ask_size\n2024-07-01T10:00:00Z,100,1,100,100,5,6\n");
        assertThat(locked.inserted())
                .as("a locked quote (bid = ask) is no crossed one")
                .isEqualTo(1);
    }

    @Test
    void ingest_zeroPrice_failsWithMessage() {
        assertThatThrownBy(() -> ingest("ZP", "timestamp,price,amount\n1385337613,0,1\n"))
                .hasMessage("ticks.csv line 2, field price, value 0: price must be > 0");
    }

    @Test
    void partitions_afterTickLoad_listedWithRowsAndNewest() {
        ingest("PART", "timestamp,price,amount\n1388534400,5,1\n1388534460,6,1\n"); // 2014-01-01

        List<PartitionInfo> parts = Partitions.list(db);

        assertThat(parts)
                .filteredOn(p -> p.name().equals("ticks_y2014m01"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.parent()).isEqualTo("ticks");
                    assertThat(p.rows()).isEqualTo(2);
                    assertThat(p.range()).isEqualTo("[2014-01-01 00:00:00+00, 2014-02-01 00:00:00+00)");
                    assertThat(p.newest()).isEqualTo("2014-01-01T00:01:00Z");
                    assertThat(p.bytes()).isPositive();
                });
    }
}
