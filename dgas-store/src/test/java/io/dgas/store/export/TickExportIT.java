package io.dgas.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.ingest.TickIngestor;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dgas data export --ticks}' CSV: the ticks ingest format, active rows only, and it loads back unchanged. */
class TickExportIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;

    /** Two ticks in one microsecond (seq 0 and 1), quotes present and absent, prices Java writes with an exponent. */
    static final String SEED = "timestamp,price,size,bid,ask,bid_size,ask_size\n"
            + "2024-05-01T00:00:00.000001Z,0.0001,12345678.9,0.00009,0.00011,3,4\n"
            + "2024-05-01T00:00:00.000001Z,0.00012,0,,,,\n"
            + "2024-05-01T00:00:01Z,101.5,2,101.25,,7,\n"
            + "2024-05-01T00:00:02Z,102,1,,,,\n";

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        ingest(SEED);
        db.update(
                "test.soft-delete",
                "UPDATE ticks SET deleted_at = now() WHERE ts = '2024-05-01T00:00:02Z'"
                        + " AND symbol_id = (SELECT id FROM symbols WHERE ticker = 'TEX')",
                ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static IngestReport ingest(String csv) {
        return new TickIngestor(db)
                .ingest(
                        "seed",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true).withSymbol("TEX", null));
    }

    private static String export(Instant from, Instant to) {
        StringWriter w = new StringWriter();
        new TickExport(db).write("TEX", from, to, w);
        return w.toString();
    }

    @Test
    void write_everyTick_activeRowsInTimeThenSeqOrderPlainDecimalsEmptyQuotes() {
        assertThat(export(null, null))
                .isEqualTo("timestamp,price,size,bid,ask,bid_size,ask_size\n"
                        + "2024-05-01T00:00:00.000001Z,0.0001,12345678.9,0.00009,0.00011,3,4\n"
                        + "2024-05-01T00:00:00.000001Z,0.00012,0,,,,\n"
                        + "2024-05-01T00:00:01Z,101.5,2,101.25,,7,\n");
    }

    @Test
    void write_range_onlyThoseRows() {
        assertThat(export(Instant.parse("2024-05-01T00:00:00.000002Z"), Instant.parse("2024-05-01T00:00:02Z")))
                .isEqualTo("timestamp,price,size,bid,ask,bid_size,ask_size\n"
                        + "2024-05-01T00:00:01Z,101.5,2,101.25,,7,\n");
    }

    @Test
    void write_exportLoadedBack_everyRowUnchanged() {
        IngestReport again = ingest(export(null, null));

        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.inserted() + again.updated()).isZero();
    }

    @Test
    void write_unknownSymbol_refused() {
        assertThatThrownBy(() -> new TickExport(db).write("NOPE", null, null, new StringWriter()))
                .isInstanceOf(UnknownSymbolException.class);
    }
}
