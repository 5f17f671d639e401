package io.dgas.store.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The bounds every ingested value must lie in (set by the {@code ingest.*} configuration keys). They keep a single
 * absurd row from doing damage: a bar in 1900 or 2200 would make thousands of month partitions, a price of 1e308
 * turns the analysis into Infinity, a 400 MB line without a line end would exhaust the heap.
 *
 * @param minMicros earliest accepted timestamp, epoch microseconds (default 1970-01-01T00:00:00Z)
 * @param maxFutureSeconds how far past the clock's now a timestamp may lie (default 1 day)
 * @param minPrice smallest accepted price, also the finest price precision kept (default 1e-8)
 * @param maxPrice largest accepted price (default 1e9)
 * @param maxLineChars longest accepted input line in characters (default 64 Ki)
 * @param clock where now comes from
 */
public record IngestLimits(
        long minMicros, long maxFutureSeconds, double minPrice, double maxPrice, int maxLineChars, Clock clock) {

    public static final IngestLimits DEFAULTS = new IngestLimits(0, 86_400, 1e-8, 1e9, 65_536, Clock.systemUTC());

    public IngestLimits {
        if (!(minPrice > 0) || !(maxPrice > minPrice) || Double.isInfinite(maxPrice)) {
            throw new IllegalArgumentException(
                    "price range must satisfy 0 < min < max < infinity: " + minPrice + " … " + maxPrice);
        }
        if (maxLineChars < 1 || maxFutureSeconds < 0) {
            throw new IllegalArgumentException("line length and future allowance must be positive");
        }
    }

    /** The same limits reading now from {@code c}. */
    public IngestLimits withClock(Clock c) {
        return new IngestLimits(minMicros, maxFutureSeconds, minPrice, maxPrice, maxLineChars, c);
    }

    /** The same limits with another line cap. */
    public IngestLimits withMaxLineChars(int chars) {
        return new IngestLimits(minMicros, maxFutureSeconds, minPrice, maxPrice, chars, clock);
    }

    /**
     * Why {@code at} lies outside the accepted time range, naming {@code field} as the file formats' checks do; null
     * when it lies inside.
     */
    public String timeProblem(String field, Instant at) {
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
        } catch (ArithmeticException e) {
            // beyond a long's microseconds: out of range either way (the lowest longs are Timestamps' sentinels)
            micros = at.getEpochSecond() < 0 ? Timestamps.AMBIGUOUS + 1 : Long.MAX_VALUE;
        }
        return Fields.timestampProblem(field, micros, ZoneOffset.UTC, minMicros, maxMicros());
    }

    /** Latest accepted timestamp, epoch microseconds: now + the future allowance, read once per call. */
    long maxMicros() {
        Instant now = clock.instant();
        return (now.getEpochSecond() + maxFutureSeconds) * 1_000_000L + now.getNano() / 1000;
    }

    /** The accepted price range as written in messages ({@code 0.00000001 to 1000000000}). */
    String priceRange() {
        return plain(minPrice) + " to " + plain(maxPrice);
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
