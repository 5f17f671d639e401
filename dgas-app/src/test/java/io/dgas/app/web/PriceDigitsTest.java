package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The price shortcut against the generator's Schubfach digits, which it must equal wherever it answers. */
class PriceDigitsTest {
    private final PriceDigits d = new PriceDigits();

    @Test
    void format_pricesOfUpToFourPlaces_sameDigitsAsSchubfach() {
        SplittableRandom r = new SplittableRandom(12);
        int shortcut = 0;
        for (int i = 0; i < 1_000_000; i++) {
            int places = r.nextInt(5);
            double scale = Math.pow(10, places);
            double v = Math.round(r.nextDouble(-2e7, 2e7) / Math.pow(10, r.nextInt(11)) * scale) / scale;
            shortcut += check(v) ? 1 : 0;
        }
        assertThat(shortcut).isGreaterThan(500_000); // most take the shortcut: the test compares the shortcut's digits
    }

    @Test
    void format_edgesAndOtherDoubles_sameDigitsAsSchubfachOrDeclined() {
        double[] edges = {
            1e-3,
            -1e-3,
            0.00099999,
            0.0011,
            9_999_999.9999,
            1e7,
            -1e7,
            9_999_999.99995,
            100,
            0.1,
            0.2,
            0.3,
            1.0005,
            0.0,
            -0.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            123.456789,
            1.0 / 3,
            2.675,
            1.005,
            4.35,
            8.0E-4,
            12_345.6789
        };
        for (double v : edges) {
            check(v);
        }
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 1_000_000; i++) {
            check(Double.longBitsToDouble(r.nextLong()));
            check(r.nextDouble(-1e4, 1e4));
        }
        assertThat(d.format(101.25)).isEqualTo(6);
        assertThat(d.format(1.0 / 3)).isEqualTo(-1);
    }

    /** Whether the shortcut answered {@code v}; when it did, its digits are the generator's. */
    private boolean check(double v) {
        int len = d.format(v);
        if (len < 0) {
            return false;
        }
        assertThat(new String(d.chars(), 0, len)).as("%s", v).isEqualTo(NumberOutput.toString(v, true));
        return true;
    }
}
