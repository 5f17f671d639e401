package io.dgas.store.runs;

import java.time.Instant;

/**
 * Which stored signals to read: every filter is optional (null: any). Superseded signals are never returned.
 *
 * @param symbol exact ticker
 * @param timeframe the signals' trading timeframe code ({@code 1h}, {@code 1d}, …)
 * @param since signals at or after this bar time
 * @param minConfidence lowest confidence, 0..1
 * @param direction {@code long} (long entries and their exits) or {@code short}
 * @param limit rows at most
 * @param offset rows skipped, newest first
 * @param run only the signals stored by this prediction run
 */
public record SignalQuery(
        String symbol,
        String timeframe,
        Instant since,
        Double minConfidence,
        String direction,
        int limit,
        int offset,
        Long run) {

    /** A query of the signals of any run. */
    public SignalQuery(
            String symbol,
            String timeframe,
            Instant since,
            Double minConfidence,
            String direction,
            int limit,
            int offset) {
        this(symbol, timeframe, since, minConfidence, direction, limit, offset, null);
    }

    /** This query with another {@code limit}. */
    public SignalQuery withLimit(int limit) {
        return new SignalQuery(symbol, timeframe, since, minConfidence, direction, limit, offset, run);
    }

    /** The cache key part that identifies this query. */
    public String key() {
        return symbol + ":" + timeframe + ":" + (since == null ? null : since.getEpochSecond()) + ":" + minConfidence
                + ":" + direction + ":" + limit + ":" + offset + ":" + run;
    }
}
