package io.dgas.store.ingest;

import java.util.List;

/**
 * What one source did to the store.
 *
 * @param source the file (or API request) name
 * @param kind {@code bars} or {@code ticks}
 * @param rowsRead data rows read (excluding the header)
 * @param inserted rows that did not exist
 * @param updated rows that existed with different values (or soft-deleted: ingest restores them)
 * @param unchanged rows that existed with the same values and were left untouched
 * @param rejected rows that failed validation (only with skip-invalid; otherwise the file fails)
 * @param rejectsFile where the rejected rows were written, or null when none were
 * @param series the (symbol, timeframe) series that changed, as {@code SYMBOL/tf}
 * @param millis wall time of the whole ingest
 */
public record IngestReport(
        String source,
        String kind,
        long rowsRead,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        String rejectsFile,
        List<String> series,
        long millis) {

    /** Rows read per second of wall time. */
    public long rowsPerSecond() {
        return millis <= 0 ? rowsRead : rowsRead * 1000 / millis;
    }
}
