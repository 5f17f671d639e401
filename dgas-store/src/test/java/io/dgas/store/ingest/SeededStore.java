package io.dgas.store.ingest;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pool on a test database holding symbol AAPL with one 1h bar (2024-03-01T01:00Z), for the bad-input tests. */
final class SeededStore {
    static final String H = "timestamp,symbol,interval,open,high,low,close,volume\n";

    private SeededStore() {}

    static Database open(String jdbcUrl, Path dir) {
        Database db = Database.open(DatabaseSettings.defaults(jdbcUrl, null, null), StatementObserver.NONE);
        try {
            Path seed =
                    Files.writeString(dir.resolve("seed.csv"), H + "2024-03-01T01:00:00Z,AAPL,1h,100,101,99,100.5,1\n");
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(seed, IngestOptions.defaults().withCreateSymbols(true));
            return db;
        } catch (java.io.IOException e) {
            db.close();
            throw new java.io.UncheckedIOException(e);
        }
    }
}
