package io.dgas.domain;

/**
 * A bar whose bucket has not closed yet: its values may still change until {@code bucketEnd} (epoch seconds).
 *
 * <p>Deliberately not a {@link Bar}: calculations that require complete bars (higher-timeframe state, aggregation)
 * cannot receive one by accident.
 */
public record FormingBar(long ts, long bucketEnd, double open, double high, double low, double close, double volume) {

    /** Whether the bucket is complete at {@code asOf} (epoch seconds). */
    public boolean isCompleteAt(long asOf) {
        return asOf >= bucketEnd;
    }
}
