package io.dgas.store.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.migrate.Migrator;
import io.dgas.store.replica.ReplicaRouter;
import io.dgas.store.replica.ReplicaStatus;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.ReplicaPair;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bar export is the largest read dgas makes: with a read replica it streams from the replica, and a replica that goes
 * down mid-stream (a real streaming replica, stopped after the first rows are written) has the primary resume after
 * the last row written, so the CSV is the same, row for row, as an export from the primary alone.
 */
class BarExportReplicaFaultIT {
    private static final int HOURLY = 2 * BarExport.FETCH_ROWS;
    private static final int FOUR_HOURLY = BarExport.FETCH_ROWS / 2;

    @Test
    void write_replicaDownMidStream_primaryResumesAfterTheLastRowWritten() throws Exception {
        try (ReplicaPair pair = ReplicaPair.start()) {
            String expected;
            try (Database primary = open(pair.primaryUrl("postgres"))) {
                new Migrator(primary).migrate();
                new BarIngestor(primary, IngestListener.NONE)
                        .ingest(
                                "seed",
                                new StringReader(seed()),
                                null,
                                IngestOptions.defaults().withCreateSymbols(true));
                expected = export(primary, new StringWriter());
            }
            pair.awaitCaughtUp(Duration.ofSeconds(30));
            try (Database db = open(pair.primaryUrl("postgres"))) {
                ReplicaRouter router = ReplicaRouter.start(
                        db,
                        List.of(open(pair.replicaUrl("postgres"))),
                        Duration.ofSeconds(10),
                        Duration.ofHours(1),
                        FakeClock.atDefault(),
                        null);
                db.route(router);
                router.checkNow();

                assertThat(export(db, new StringWriter()))
                        .as("served by the replica")
                        .isEqualTo(expected);
                assertThat(replica(router).reads()).isEqualTo(1);

                // the replica stops once 5,000 rows are out: the driver holds the first 10,000, the next fetch fails
                StringWriter stopping = new StringWriter() {
                    private int lines;

                    @Override
                    public void write(int c) {
                        super.write(c);
                        if (c == '\n' && ++lines == 5_001) {
                            pair.stopReplica();
                        }
                    }
                };
                assertThat(export(db, stopping))
                        .as("every row once, in order, the rest from the primary")
                        .isEqualTo(expected);
                ReplicaStatus after = replica(router);
                assertThat(after.fallbacks()).isEqualTo(1);
                assertThat(after.reads()).isEqualTo(1);
                assertThat(after.state()).isEqualTo(ReplicaStatus.State.DOWN);
            }
        }
    }

    private static ReplicaStatus replica(ReplicaRouter router) {
        return router.status().get(0);
    }

    private static String export(Database db, StringWriter out) {
        long rows = new BarExport(db).write("RPX", null, null, null, out);
        assertThat(rows).isEqualTo(HOURLY + FOUR_HOURLY);
        return out.toString();
    }

    /** Hourly bars, more than two fetches' worth, then four-hourly ones: the resume key spans both timeframes. */
    private static String seed() {
        StringBuilder csv = new StringBuilder(BarExport.HEADER).append('\n');
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        bars(csv, start, "1h", 3600, HOURLY);
        bars(csv, start, "4h", 4 * 3600, FOUR_HOURLY);
        return csv.toString();
    }

    private static void bars(StringBuilder csv, Instant start, String tf, long seconds, int count) {
        for (int i = 0; i < count; i++) {
            double c = 100 + 10 * Math.sin(i / 50.0) + (i % 7) * 0.01;
            csv.append(start.plusSeconds(i * seconds))
                    .append(",RPX,")
                    .append(tf)
                    .append(',')
                    .append(c)
                    .append(',')
                    .append(c + 1)
                    .append(',')
                    .append(c - 1)
                    .append(',')
                    .append(c + 0.5)
                    .append(',')
                    .append(1000 + i)
                    .append('\n');
        }
    }

    private static Database open(String url) {
        return Database.open(
                new DatabaseSettings(url, null, null, 1, 3, Duration.ofSeconds(1), Duration.ofMinutes(30), true),
                StatementObserver.NONE);
    }
}
