package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zone test, with its early exit for a zone out of the bar's reach, and its branch-free form for finite prices
 * equal the plain §4.6 rule, also on the edges: equal prices, zero widths, −0.0.
 */
class ZoneCheckTest {

    @Test
    void check_randomZonesAndBars_bothFormsEqualPlainRule() {
        ZoneCheck d = new ZoneCheck(PatternParams.defaults());
        SplittableRandom r = new SplittableRandom(15);
        int[] seen = new int[3];
        for (int k = 0; k < 200_000; k++) {
            // a coarse grid makes the bar meet zone edges and touch bounds exactly; a fine one covers the rest
            // 1e299: near ZoneCheck.FINITE_LIMIT, where a sum or distance of the branch-free form would overflow
            double scale = new double[] {0.01, 1, 100, 1e6, 1e299}[r.nextInt(5)];
            double lower = value(r, scale);
            double upper = r.nextInt(4) == 0 ? lower : Math.max(lower, value(r, scale));
            double low = value(r, scale);
            double high = r.nextInt(8) == 0 ? low : low + Math.abs(value(r, scale) - scale);
            int type = r.nextInt(2);
            int expected = plain(type, lower, upper, high, low);
            assertThat(d.check(type, lower, upper, high, low))
                    .as("type %d zone [%s, %s] bar [%s, %s]", type, lower, upper, low, high)
                    .isEqualTo(expected);
            assertThat(d.checkFinite(type, lower, upper, high, low))
                    .as("finite: type %d zone [%s, %s] bar [%s, %s]", type, lower, upper, low, high)
                    .isEqualTo(expected);
            seen[expected]++;
        }
        assertThat(seen[0]).as("none").isGreaterThan(1000);
        assertThat(seen[1]).as("approach").isGreaterThan(1000);
        assertThat(seen[2]).as("touch").isGreaterThan(1000);
    }

    @Test
    void check_negativeZeroAndZeroWidth_bothFormsEqualPlainRule() {
        ZoneCheck d = new ZoneCheck(PatternParams.defaults());
        double[] v = {-0.0, 0.0, 0.005, 0.01, -0.01};
        for (double lower : v) {
            for (double upper : v) {
                for (double low : v) {
                    for (double high : v) {
                        if (lower <= upper && low <= high) {
                            for (int type = 0; type < 2; type++) {
                                int expected = plain(type, lower, upper, high, low);
                                assertThat(d.check(type, lower, upper, high, low))
                                        .as("type %d zone [%s, %s] bar [%s, %s]", type, lower, upper, low, high)
                                        .isEqualTo(expected);
                                assertThat(d.checkFinite(type, lower, upper, high, low))
                                        .as("finite: type %d zone [%s, %s] bar [%s, %s]", type, lower, upper, low, high)
                                        .isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    /** §4.6 as written, with no early exit: touch distance first, then approach on the near side. */
    private static int plain(int type, double lower, double upper, double high, double low) {
        PatternParams p = PatternParams.defaults();
        double centre = (lower + upper) / 2.0;
        double width = upper - lower <= 0 ? ZoneCheck.MIN_WIDTH : upper - lower;
        double approach = Math.max(Math.abs(centre) * p.terminationApproachPct(), 2 * width);
        double touch = Math.max(Math.abs(centre) * p.terminationTouchPct(), 0.5 * width);
        boolean resistance = type == DrummondLines.RESISTANCE;
        double price = resistance ? high : low;
        if (price >= lower - touch && price <= upper + touch) {
            return TerminationDetector.TOUCH;
        }
        double distance = resistance ? lower - high : low - upper;
        return distance > 0 && distance <= approach ? TerminationDetector.APPROACH : TerminationDetector.NONE;
    }

    private static double value(SplittableRandom r, double scale) {
        return r.nextBoolean() ? scale * (1 + r.nextInt(200) * 0.0025) : scale * (0.5 + r.nextDouble());
    }
}
