package io.dgas.store.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Parses the timestamp forms ingest accepts into microseconds since the Unix epoch (UTC), without allocating on the
 * common path.
 *
 * <ul>
 *   <li>ISO-8601 date-time: {@code 2024-01-01T02:00:00+00:00}, {@code …Z}, {@code …+0530}, {@code …-05}, a space
 *       instead of {@code T}, optional seconds and fraction (to microseconds). A date-time without an offset is
 *       read in the zone the caller gives; without one it is {@link #NO_OFFSET} (guessing UTC silently shifted
 *       local data by hours). A local time the zone skips or repeats at a daylight-saving change is {@link #GAP} or
 *       {@link #AMBIGUOUS}.
 *   <li>A date alone, {@code 2024-01-01}: that date at 00:00 UTC (never shifted to another day).
 *   <li>Epoch seconds, optionally with a fraction: {@code 1385337613}, {@code 1385337613.25}; up to 12 digits.
 *   <li>Epoch milliseconds, microseconds or nanoseconds, as exchanges' and brokers' APIs write them (Binance's
 *       kline times, JavaScript's {@code Date.now()}): an integer of 13, 16 or 19 digits. The count decides the unit
 *       without ambiguity: read as seconds, 13 digits or more would lie past the year 33,000, which no bound
 *       accepts. Other lengths past 12 are refused rather than guessed; nanoseconds are truncated to microseconds.
 * </ul>
 */
public final class Timestamps {
    /** Returned by {@link #parseMicros} for text that is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;
    /** A date-time without a UTC offset and no zone to read it in. */
    public static final long NO_OFFSET = Long.MIN_VALUE + 1;
    /** A local date-time that does not exist in the zone (skipped by a daylight-saving change). */
    public static final long GAP = Long.MIN_VALUE + 2;
    /** A local date-time that occurs twice in the zone (repeated by a daylight-saving change). */
    public static final long AMBIGUOUS = Long.MIN_VALUE + 3;

    private Timestamps() {}

    /** {@link #parseMicros(String, ZoneId)} with no zone: offset-less date-times are {@link #NO_OFFSET}. */
    public static long parseMicros(String s) {
        return parseMicros(s, null);
    }

    /**
     * Epoch microseconds of {@code s}, or one of the sentinels {@link #INVALID}, {@link #NO_OFFSET}, {@link #GAP},
     * {@link #AMBIGUOUS} (all below any real value this parser returns).
     *
     * @param zone how to read a date-time without an offset; null: such text is {@link #NO_OFFSET}
     */
    public static long parseMicros(String s, ZoneId zone) {
        int n = s.length();
        if (n == 0) {
            return INVALID;
        }
        if (n >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return parseIso(s, zone);
        }
        return parseEpoch(s);
    }

    /** Whether {@code micros} is one of the sentinels rather than a time. */
    public static boolean isSentinel(long micros) {
        return micros <= AMBIGUOUS;
    }

    private static long parseEpoch(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        long secs = 0;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            int d = s.charAt(i++) - '0';
            if (++digits > 19 || (digits == 19 && secs > (Long.MAX_VALUE - d) / 10)) {
                return INVALID;
            }
            secs = secs * 10 + d;
        }
        if (digits == 0) {
            return INVALID;
        }
        if (digits > 12) {
            return negative || i < n ? INVALID : subSecondUnits(secs, digits);
        }
        long micros = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return INVALID;
            }
            i++;
            micros = fraction(s, i, n);
            if (micros < 0) {
                return INVALID;
            }
        }
        long total = secs * 1_000_000L + micros;
        return negative ? -total : total;
    }

    /** Microseconds of an epoch integer of 13 (ms), 16 (µs) or 19 (ns) digits; any other length is INVALID. */
    private static long subSecondUnits(long value, int digits) {
        switch (digits) {
            case 13:
                return value * 1000L;
            case 16:
                return value;
            case 19:
                return value / 1000L;
            default:
                return INVALID;
        }
    }

    private static long parseIso(String s, ZoneId zone) {
        int n = s.length();
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return INVALID;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return INVALID;
        }
        long secs = epochDay * 86_400L;
        if (n == 10) {
            return secs * 1_000_000L;
        }
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != ' ' && sep != 't') || n < 16 || s.charAt(13) != ':') {
            return INVALID;
        }
        int hour = num(s, 11, 2);
        int minute = num(s, 14, 2);
        int second = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = num(s, 17, 2);
            i = 19;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || i > n) {
            return INVALID;
        }
        long micros = 0;
        if (i < n && s.charAt(i) == '.') {
            int end = i + 1;
            while (end < n && isDigit(s.charAt(end))) {
                end++;
            }
            micros = fraction(s, i + 1, end);
            if (micros < 0) {
                return INVALID;
            }
            i = end;
        }
        long local = secs + hour * 3600L + minute * 60L + second;
        if (i == n) {
            long offset = localOffset(local, zone);
            return isSentinel(offset) ? offset : (local - offset) * 1_000_000L + micros;
        }
        int offset = offsetSeconds(s, i, n);
        if (offset == Integer.MIN_VALUE) {
            return INVALID;
        }
        return (local - offset) * 1_000_000L + micros;
    }

    /** Offset in seconds of {@code zone} at the local time {@code localSecs}, or a sentinel. */
    private static long localOffset(long localSecs, ZoneId zone) {
        if (zone == null) {
            return NO_OFFSET;
        }
        if (zone instanceof ZoneOffset fixed) {
            return fixed.getTotalSeconds();
        }
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSecs, 0, ZoneOffset.UTC);
        List<ZoneOffset> valid = zone.getRules().getValidOffsets(ldt);
        if (valid.isEmpty()) {
            return GAP;
        }
        return valid.size() == 1 ? valid.get(0).getTotalSeconds() : AMBIGUOUS;
    }

    /** Offset east of UTC in seconds for the zone suffix at {@code i} (non-empty), or MIN_VALUE when malformed. */
    private static int offsetSeconds(String s, int i, int n) {
        char c = s.charAt(i);
        if ((c == 'Z' || c == 'z') && i + 1 == n) {
            return 0;
        }
        if (c != '+' && c != '-') {
            return Integer.MIN_VALUE;
        }
        int sign = c == '-' ? -1 : 1;
        int len = n - i - 1;
        int h;
        int m = 0;
        if (len == 2) {
            h = num(s, i + 1, 2);
        } else if (len == 4) {
            h = num(s, i + 1, 2);
            m = num(s, i + 3, 2);
        } else if (len == 5 && s.charAt(i + 3) == ':') {
            h = num(s, i + 1, 2);
            m = num(s, i + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (h < 0 || h > 18 || m < 0 || m > 59) {
            return Integer.MIN_VALUE;
        }
        return sign * (h * 3600 + m * 60);
    }

    /** Microseconds of the fraction digits in [from, to): at least one, at most nine (beyond six truncated). */
    private static long fraction(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        long micros = 0;
        for (int k = 0; k < 6; k++) {
            int idx = from + k;
            int d = 0;
            if (idx < to) {
                char c = s.charAt(idx);
                if (!isDigit(c)) {
                    return -1;
                }
                d = c - '0';
            }
            micros = micros * 10 + d;
        }
        for (int idx = from + 6; idx < to; idx++) {
            if (!isDigit(s.charAt(idx))) {
                return -1;
            }
        }
        return micros;
    }

    private static int num(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
