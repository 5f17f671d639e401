package io.dgas.store.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.UnknownSymbolException;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dgas data export}'s CSV: the ingest format, active rows only, and it loads back unchanged. */
class BarExportIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;

    /** Prices whose shortest decimals Java writes with an exponent (1.0E-4, 1.23456789E7). */
    static final String SEED = "timestamp,symbol,interval,open,high,low,close,volume\n"
            + "2024-05-01T00:00:00Z,EXP,1h,0.0001,0.00015,0.00009,0.00012,12345678.9\n"
            + "2024-05-01T01:00:00Z,EXP,1h,0.00012,0.0002,0.0001,0.00019,0\n"
            + "2024-05-01T02:00:00Z,EXP,1h,0.00019,0.00021,0.00018,0.0002,7\n"
            + "2024-05-01T00:00:00Z,EXP,4h,0.0001,0.00021,0.00009,0.0002,12345685.9\n"
            + "2024-05-01T00:00:00Z,OTH,1h,5,6,4,5.5,1\n";

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        ingest(SEED);
        db.update(
                "test.soft-delete",
                "UPDATE bars SET deleted_at = now() WHERE ts = '2024-05-01T02:00:00Z' AND timeframe = '1h'"
                        + " AND symbol_id = (SELECT id FROM symbols WHERE ticker = 'EXP')",
                ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static IngestReport ingest(String csv) {
        return new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "seed",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
    }

    private static String export(Timeframe tf, Instant from, Instant to) {
        StringWriter w = new StringWriter();
        new BarExport(db).write("EXP", tf, from, to, w);
        return w.toString();
    }

    @Test
    void write_everyTimeframe_activeRowsByTimeframeThenTimePlainDecimals() {
        assertThat(export(null, null, null))
                .isEqualTo("timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-05-01T00:00:00Z,EXP,1h,0.0001,0.00015,0.00009,0.00012,12345678.9\n"
                        + "2024-05-01T01:00:00Z,EXP,1h,0.00012,0.0002,0.0001,0.00019,0\n"
                        + "2024-05-01T00:00:00Z,EXP,4h,0.0001,0.00021,0.00009,0.0002,12345685.9\n");
    }

    @Test
    void write_timeframeAndRange_onlyThoseRows() {
        assertThat(export(Timeframe.H1, Instant.parse("2024-05-01T01:00:00Z"), Instant.parse("2024-05-01T02:00:00Z")))
                .isEqualTo("timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-05-01T01:00:00Z,EXP,1h,0.00012,0.0002,0.0001,0.00019,0\n");
    }

    @Test
    void write_exportLoadedBack_everyRowUnchanged() {
        IngestReport again = ingest(export(null, null, null));

        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.inserted() + again.updated()).isZero();
    }

    @Test
    void write_unknownSymbol_refused() {
        assertThatThrownBy(() -> new BarExport(db).write("NOPE", null, null, null, new StringWriter()))
                .isInstanceOf(UnknownSymbolException.class);
    }
}
