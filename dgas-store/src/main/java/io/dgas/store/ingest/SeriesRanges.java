package io.dgas.store.ingest;

import io.dgas.domain.Timeframe;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per (symbol, timeframe) series of a load: first and last timestamp, row count and order, kept while streaming. Memory grows
 * with the number of series, not rows; consecutive rows of the same series (the usual file order) cost no lookup.
 */
final class SeriesRanges {
    /** One series' span in epoch microseconds and its staged row count. */
    static final class Range {
        final String ticker;
        final Timeframe timeframe;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long rows;

        Range(String ticker, Timeframe timeframe) {
            this.ticker = ticker;
            this.timeframe = timeframe;
        }
    }

    private final Map<String, Range> byKey = new HashMap<>();
    private Range last;
    private boolean increasing = true;

    void add(String ticker, Timeframe tf, long micros) {
        Range r = last;
        if (r == null || r.timeframe != tf || !r.ticker.equals(ticker)) {
            r = byKey.computeIfAbsent(ticker + ' ' + tf.code(), k -> new Range(ticker, tf));
            last = r;
        }
        increasing &= micros > r.hi;
        r.lo = Math.min(r.lo, micros);
        r.hi = Math.max(r.hi, micros);
        r.rows++;
    }

    /**
     * Whether every series' timestamps arrived strictly increasing, which proves the load holds no duplicate key
     * whatever the order of the series (symbol-major or time-major files alike).
     */
    boolean strictlyIncreasing() {
        return increasing;
    }

    /** The earliest staged timestamp of a series in epoch seconds (rounded down), or Long.MIN_VALUE if unknown. */
    long earliestSecond(String ticker, Timeframe tf) {
        Range r = byKey.get(ticker + ' ' + tf.code());
        return r == null ? Long.MIN_VALUE : Math.floorDiv(r.lo, 1_000_000L);
    }

    /** The tickers of the series. */
    java.util.Set<String> tickers() {
        java.util.Set<String> out = new java.util.HashSet<>();
        byKey.values().forEach(r -> out.add(r.ticker));
        return out;
    }

    Collection<Range> all() {
        return byKey.values();
    }
}
