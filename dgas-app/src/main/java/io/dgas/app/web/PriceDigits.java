package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a double as the API's generator does (Jackson's Schubfach writer: the shortest decimal that rounds to it, in
 * {@link Double#toString} layout), without its general algorithm for the common case of a stored price: a value
 * {@code m / 10^4} with {@code 10^-3 <= |v| < 10^7}. Why that is exact: {@code (double) m / 1e4} is the correctly rounded
 * quotient of two exact doubles, so when it equals {@code v} the decimal {@code m / 10^4} rounds to {@code v}; it has at
 * most 11 significant digits, and no two distinct decimals of at most 15 digits round to the same double (DBL_DIG), so it
 * (trailing zeros dropped) is the shortest one. In that range the layout is plain: digits, a point, at least one
 * fraction digit. Any other value goes to the generator. {@code PriceDigitsTest} compares the two over many values.
 */
final class PriceDigits {
    private static final double SCALE = 10_000.0;
    private static final int PLACES = 4;

    private final char[] buf = new char[24];

    /** Writes {@code v} as {@link JsonGenerator#writeNumber(double)} would. */
    void write(JsonGenerator g, double v) throws IOException {
        int len = format(v);
        if (len < 0) {
            g.writeNumber(v);
        } else {
            g.writeNumber(buf, 0, len);
        }
    }

    /** The length of {@code v}'s digits written into {@link #chars()}, or -1 when {@code v} is not a short price. */
    int format(double v) {
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) {
            return -1; // NaN too
        }
        double scaled = a * SCALE;
        long m = (long) Math.rint(scaled);
        if ((double) m / SCALE != a) {
            return -1;
        }
        int pos = 0;
        if (v < 0) {
            buf[pos++] = '-';
        }
        long whole = m / 10_000;
        int frac = (int) (m % 10_000);
        pos = digits(whole, pos);
        buf[pos++] = '.';
        for (int i = PLACES - 1; i >= 0; i--, frac /= 10) {
            buf[pos + i] = (char) ('0' + frac % 10);
        }
        int places = PLACES;
        while (places > 1 && buf[pos + places - 1] == '0') {
            places--; // shortest: no trailing zero, but one fraction digit at least (100.0)
        }
        return pos + places;
    }

    private int digits(long n, int pos) {
        if (n == 0) {
            buf[pos] = '0';
            return pos + 1;
        }
        int len = 0;
        for (long x = n; x > 0; x /= 10) {
            len++;
        }
        for (int i = pos + len - 1; i >= pos; i--, n /= 10) {
            buf[i] = (char) ('0' + n % 10);
        }
        return pos + len;
    }

    /** The digits of the last {@link #format}. */
    char[] chars() {
        return buf;
    }
}
