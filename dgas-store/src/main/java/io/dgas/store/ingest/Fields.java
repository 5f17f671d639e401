package io.dgas.store.ingest;

import io.dgas.SafeText;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** Field-level parsing and the validation messages shared by the bar and tick readers. */
final class Fields {
    static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9._:/^=-]{0,31}");
    static final String TIMESTAMP_FORMS =
            "an ISO-8601 date-time (2024-01-01T02:00:00+00:00), a date (2024-01-01) or epoch seconds (up to 12"
                    + " digits; 13 digits: milliseconds, 16: microseconds, 19: nanoseconds)";

    private Fields() {}

    /**
     * Whether {@code s} is a plain decimal number: optional sign, digits with at most one point, optional exponent;
     * or the words NaN/Infinity, which parse and then fail the finiteness rule. Rejects what {@link
     * Double#parseDouble} would also take but no CSV means as a number ({@code 0x1p3}, {@code 1.5d}).
     */
    static boolean isNumberText(String s) {
        int n = s.length();
        if (n == 0 || n > 64) {
            return false;
        }
        int i = 0;
        char c0 = s.charAt(0);
        if (c0 == '+' || c0 == '-') {
            i = 1;
        }
        String rest = s.substring(i);
        if (rest.equals("NaN") || rest.equals("Infinity")) {
            return true;
        }
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && digits) {
                return isExponent(s, i + 1);
            } else {
                return false;
            }
        }
        return digits;
    }

    private static boolean isExponent(String s, int i) {
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        for (; i < n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The reason a price field is invalid, or null when {@code text} is a number > 0 inside the limits' range. */
    static String priceProblem(String name, String text, IngestLimits limits) {
        if (!isNumberText(text)) {
            return name + " must be a number";
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            return name + " must be a finite number";
        }
        if (!(v > 0)) {
            return name + " must be > 0";
        }
        if (v < limits.minPrice() || v > limits.maxPrice()) {
            return name + " must be from " + limits.priceRange() + " (ingest.min_price, ingest.max_price)";
        }
        return null;
    }

    /**
     * The reason a parsed timestamp is unusable, or null: not a timestamp, no offset and no zone, a local time the
     * zone skips or repeats, or outside [{@code lo}, {@code hi}].
     */
    static String timestampProblem(String name, long micros, ZoneId zone, long lo, long hi) {
        if (micros == Timestamps.INVALID) {
            return name + " must be " + TIMESTAMP_FORMS;
        }
        if (micros == Timestamps.NO_OFFSET) {
            return name + " has no UTC offset: write it as 2024-01-01T02:00:00+00:00 (or ...Z), or give --timezone"
                    + " ZONE to read local times";
        }
        if (micros == Timestamps.GAP) {
            return name + " does not exist in " + zone + " (skipped by a daylight-saving change)";
        }
        if (micros == Timestamps.AMBIGUOUS) {
            return name + " is ambiguous in " + zone + " (it occurs twice at a daylight-saving change); add its UTC"
                    + " offset";
        }
        if (micros < lo || micros > hi) {
            return name + " must be from " + iso(lo) + " to " + iso(hi)
                    + " (ingest.min_timestamp, now + ingest.max_future)";
        }
        return null;
    }

    /** The reason a size/volume field is invalid, or null when {@code text} is a finite number >= 0. */
    static String sizeProblem(String name, String text) {
        if (!isNumberText(text)) {
            return name + " must be a number";
        }
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            return name + " must be a finite number";
        }
        return v >= 0 ? null : name + " must be >= 0";
    }

    static String iso(long epochMicros) {
        return Instant.ofEpochSecond(
                        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L)
                .toString();
    }

    /** The value as shown in a message: as written, cut at 80 characters, control characters escaped. */
    static String shown(String value) {
        return SafeText.escape(value.length() <= 80 ? value : value.substring(0, 77) + "...");
    }

    /** Index of the first of {@code candidates} among the header's column {@code names}, or −1 if none is there. */
    static int column(List<String> names, String... candidates) {
        for (String c : candidates) {
            int i = names.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
