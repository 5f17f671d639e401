package io.dgas.app.cli;

import io.dgas.domain.Timeframe;
import java.util.Locale;

/**
 * Checks of options made before any work: a number out of range or a timeframe unknown is a {@link
 * BadArgumentException} naming the option, the value and what is accepted (exit 2), never a database error or an empty
 * answer.
 */
public final class OptionRanges {
    private OptionRanges() {}

    /** {@code value} when it lies in [{@code min}, {@code max}]. */
    public static int between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadArgumentException(
                    option,
                    Integer.toString(value),
                    option + " must be an integer from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** {@code value} when it lies in [{@code min}, {@code max}]. */
    public static long between(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadArgumentException(
                    option,
                    Long.toString(value),
                    option + " must be an integer from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max)
                            + ", not " + value);
        }
        return value;
    }

    /** {@code value} when it lies in [{@code min}, {@code max}] (NaN never does). */
    public static double between(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new BadArgumentException(
                    option,
                    Double.toString(value),
                    String.format(
                            Locale.ROOT,
                            "%s must be a number from %s to %s, not %s",
                            option,
                            plain(min),
                            plain(max),
                            plain(value)));
        }
        return value;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : io.dgas.calc.format.Num.format(v);
    }

    /** {@code value} when it is one of {@code accepted} (null stays null: the option was not given). */
    public static String oneOf(String option, String value, java.util.List<String> accepted) {
        if (value != null && !accepted.contains(value)) {
            throw new BadArgumentException(
                    option, value, option + " must be one of " + String.join(", ", accepted) + ", not " + value);
        }
        return value;
    }

    /** {@code text} parsed as a timeframe for {@code option} (null stays null). */
    public static Timeframe timeframe(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Timeframe.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException(option + ": " + e.getMessage());
        }
    }
}
