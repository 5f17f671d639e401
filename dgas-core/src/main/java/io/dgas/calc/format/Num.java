package io.dgas.calc.format;

import java.math.BigDecimal;

/**
 * Number formatting for output files: the shortest decimal that reads back as the same double (no exponent, no
 * rounding, so files carry full precision); NaN as {@code NaN}; infinities as {@code Infinity}/{@code -Infinity}.
 */
public final class Num {
    private Num() {}

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0.0";
        }
        String s = Double.toString(v);
        if (s.indexOf('E') < 0) {
            return s;
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    /** JSON has no NaN: non-finite values become {@code null}. */
    public static String json(double v) {
        return Double.isFinite(v) ? format(v) : "null";
    }
}
