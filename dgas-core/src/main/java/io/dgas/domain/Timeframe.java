package io.dgas.domain;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical bar timeframes. Only {@link #code()} is ever stored; aliases are accepted on input.
 *
 * <p>Buckets are aligned in UTC: intraday timeframes on multiples of their length since the epoch, {@code 1d} at
 * 00:00 UTC, {@code 1w} on Monday 00:00 UTC (ISO weeks).
 */
public enum Timeframe {
    M1("1m", 60),
    M5("5m", 300),
    M15("15m", 900),
    M30("30m", 1_800),
    H1("1h", 3_600),
    H4("4h", 14_400),
    D1("1d", 86_400),
    W1("1w", 604_800);

    /** 1970-01-01 was a Thursday; weeks start on the Monday four days later. */
    private static final long WEEK_OFFSET = 4L * 86_400;

    private static final Map<String, Timeframe> BY_NAME = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /**
     * The higher timeframe paired with each trading timeframe by default: about four to six trading bars per higher
     * bar where the list allows (15m with 1h, 30m with 4h), the spacing Drummond's multi-timeframe reading expects; 1w
     * has none.
     */
    private static final Map<Timeframe, Timeframe> HIGHER = new EnumMap<>(Timeframe.class);

    static {
        for (Timeframe tf : values()) {
            BY_NAME.put(tf.code, tf);
        }
        alias(M1, "1min", "1", "1minute", "m1");
        alias(M5, "5min", "5", "5minute", "m5");
        alias(M15, "15min", "15", "15minute", "m15");
        alias(M30, "30min", "30", "30minute", "m30");
        alias(H1, "60m", "60min", "60", "1hour", "h1", "hourly");
        alias(H4, "240m", "240min", "240", "4hour", "h4");
        alias(D1, "d", "day", "daily", "1day", "d1", "eod");
        alias(W1, "w", "week", "weekly", "1week", "w1");
        HIGHER.putAll(Map.of(M1, M5, M5, M15, M15, H1, M30, H4, H1, H4, H4, D1, D1, W1));
    }

    private final String code;
    private final long seconds;

    Timeframe(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    private static void alias(Timeframe tf, String... names) {
        for (String n : names) {
            BY_NAME.put(n, tf);
        }
    }

    /** The canonical code, e.g. {@code 30m}; the only form stored or printed. */
    public String code() {
        return code;
    }

    public long seconds() {
        return seconds;
    }

    /**
     * Parses a canonical code or an alias (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the accepted codes
     */
    public static Timeframe parse(String text) {
        Timeframe tf = text == null ? null : BY_NAME.get(text.trim());
        if (tf == null) {
            throw new IllegalArgumentException("unknown timeframe '" + text
                    + "'; accepted: 1m 5m 15m 30m 1h 4h 1d 1w (or aliases such as 30min, 60m, D)");
        }
        return tf;
    }

    /** Whether {@code code} names a timeframe (canonical or alias). */
    public static boolean isKnown(String text) {
        return text != null && BY_NAME.containsKey(text.trim());
    }

    /** Start (epoch seconds, UTC) of the bucket containing {@code epochSecond}. */
    public long bucketStart(long epochSecond) {
        long offset = this == W1 ? WEEK_OFFSET : 0;
        return Math.floorDiv(epochSecond - offset, seconds) * seconds + offset;
    }

    /** Whether a bar opening at {@code epochSecond} sits on this timeframe's grid. */
    public boolean isAligned(long epochSecond) {
        return bucketStart(epochSecond) == epochSecond;
    }

    /** Whether every bucket of this timeframe is a whole number of {@code finer} buckets. */
    public boolean isMultipleOf(Timeframe finer) {
        return seconds >= finer.seconds && seconds % finer.seconds == 0;
    }

    /**
     * Whether this timeframe can be the higher one over {@code trading}: coarser than it and a whole multiple of it,
     * so its bars are built from whole trading bars (4h over 1h; not 1h over 1h, not 1h over 4h). The one rule for
     * every place that pairs two timeframes.
     */
    public boolean isHigherOver(Timeframe trading) {
        return this != trading && isMultipleOf(trading);
    }

    /**
     * Returns this timeframe when it can be the higher one over {@code trading}.
     *
     * @throws IllegalArgumentException naming both timeframes and the ones that would do
     */
    public Timeframe requireHigherOver(Timeframe trading) {
        if (!isHigherOver(trading)) {
            List<Timeframe> would = trading.highers();
            throw new IllegalArgumentException(
                    "higher timeframe " + this + " is not coarser than and a whole multiple of"
                            + " the trading timeframe " + trading
                            + (would.isEmpty()
                                    ? " (" + trading + " is the coarsest: no timeframe is)"
                                    : "; accepted: " + would));
        }
        return this;
    }

    /** The timeframes that can be the higher one over this one ({@link #isHigherOver}), finest first. */
    public List<Timeframe> highers() {
        return Arrays.stream(values()).filter(t -> t.isHigherOver(this)).toList();
    }

    /** The higher timeframe paired with this trading timeframe by default (1h: 4h); empty for 1w, the coarsest. */
    public Optional<Timeframe> defaultHigher() {
        return Optional.ofNullable(HIGHER.get(this));
    }

    @Override
    public String toString() {
        return code;
    }

    /** Lower-case canonical code, safe for identifiers and file names. */
    public String lowerCode() {
        return code.toLowerCase(Locale.ROOT);
    }
}
