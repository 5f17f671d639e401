package io.dgas.store.ingest;

/** Told the number of rows read so far, every {@link #EVERY} rows and once at the end of reading. */
@FunctionalInterface
public interface IngestProgress {
    IngestProgress NONE = (source, rows) -> {};

    int EVERY = 100_000;

    void rowsRead(String source, long rows);
}
