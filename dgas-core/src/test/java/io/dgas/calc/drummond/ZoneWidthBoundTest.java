package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zone width bound, kept through random inserts, removes, replaces and tolerance changes, is never below the
 * widest zone of the window built from scratch at that tolerance (drummond.md §5), and a fresh scan is exact.
 */
class ZoneWidthBoundTest {

    @Test
    void bound_randomChangesAndTolerances_neverBelowWidestZone() {
        SplittableRandom r = new SplittableRandom(31);
        double[] price = new double[6000];
        for (int id = 0; id < price.length; id++) {
            // coarse prices make exact ties and equal gaps (gaps at exactly the tolerance) common
            price[id] = r.nextInt(4) == 0 ? 100 + r.nextInt(40) * 0.05 : 100 + r.nextGaussian();
        }
        SortedLines lines = new SortedLines();
        ZoneWidthBound bound = new ZoneWidthBound();
        lines.track(bound);
        List<Integer> in = new ArrayList<>();
        int next = 0;
        int tight = 0;
        for (int step = 0; step < 5000; step++) {
            int op = r.nextInt(10);
            if (in.size() < 10 || op < 4 && next < price.length) {
                lines.insert(price, next);
                in.add(next++);
            } else if (op < 6) {
                lines.remove(price, in.remove(r.nextInt(in.size())));
            } else if (next < price.length) {
                lines.replace(price, in.remove(r.nextInt(in.size())), next);
                in.add(next++);
            }
            double tol = r.nextInt(5) == 0 ? 0.05 * r.nextInt(4) : r.nextDouble() * 0.3;
            double widest = widestZone(lines, tol);
            double b = bound.at(step / 3, tol);
            assertThat(b).as("bound at step " + step + ", tolerance " + tol).isGreaterThanOrEqualTo(widest);
            tight += b == widest ? 1 : 0;
        }
        assertThat(tight).as("steps where the bound is exact").isGreaterThan(100);
    }

    @Test
    void bound_nonFinitePrice_isInfiniteUntilItLeaves() {
        // ids 0 and 2 are resistance lines 0.2 apart (one zone at tolerance 0.3), id 1 a support line
        double[] price = {100, Double.NaN, 100.2};
        SortedLines lines = new SortedLines();
        ZoneWidthBound bound = new ZoneWidthBound();
        lines.track(bound);
        lines.insert(price, 0);
        lines.insert(price, 2);
        assertThat(bound.at(0, 0.3)).isEqualTo(price[2] - price[0]);
        lines.insert(price, 1);
        assertThat(bound.at(1, 0.3)).isEqualTo(Double.POSITIVE_INFINITY);
        lines.remove(price, 1);
        assertThat(bound.at(2, 0.3)).isEqualTo(price[2] - price[0]);
    }

    /** Widest zone of the window at {@code tol}, built line by line as {@link DrummondZones} does. */
    static double widestZone(SortedLines lines, double tol) {
        double widest = 0;
        int s = 0;
        for (int k = 0; k < lines.size(); k++) {
            boolean chained = k + 1 < lines.size()
                    && (lines.id(k) & 1) == (lines.id(k + 1) & 1)
                    && lines.price(k + 1) - lines.price(k) <= tol;
            if (!chained) {
                widest = Math.max(widest, lines.price(k) - lines.price(s));
                s = k + 1;
            }
        }
        return widest;
    }
}
