package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zone marks kept through random inserts, removes, replaces, lines that re-enter at another price (a replaced
 * last bar) and tolerance changes (small drifts that flip a few links, jumps that leave the listed band) equal the
 * zones of the window built from scratch at that tolerance (drummond.md §5), bit by bit, and the widest-zone bound is
 * never below the widest zone.
 */
class ZoneMarksTest {

    @Test
    void marks_randomChangesAndTolerances_equalZonesBuiltFromScratch() {
        SplittableRandom r = new SplittableRandom(17);
        double[] price = new double[9000];
        for (int id = 0; id < price.length; id++) {
            price[id] = coarseOrFine(r);
        }
        SortedLines lines = new SortedLines();
        ZoneMarks marks = new ZoneMarks();
        lines.keep(marks);
        List<Integer> in = new ArrayList<>();
        int next = 0;
        double tol = 0.1;
        int flipped = 0;
        for (int step = 0; step < 6000; step++) {
            // the window grows past 256 lines (the marks' word loops) in the middle third, stays small otherwise
            int target = step > 2000 && step < 4000 ? 400 : 150;
            int op = r.nextInt(10);
            if (in.size() < target / 2 || op < 3 && in.size() < target && next < price.length) {
                lines.insert(price, next);
                in.add(next++);
            } else if (op < 5 || next >= price.length) {
                lines.remove(price, in.remove(r.nextInt(in.size())));
            } else if (op < 6) {
                // a line leaves and comes back at another price, as the lines of a replaced last bar do
                int id = in.get(r.nextInt(in.size()));
                lines.remove(price, id);
                price[id] = coarseOrFine(r);
                lines.insert(price, id);
            } else {
                lines.replace(price, in.remove(r.nextInt(in.size())), next);
                in.add(next++);
            }
            double before = tol;
            tol = r.nextInt(20) == 0 ? 0.05 * r.nextInt(6) : Math.max(0.01, tol * (1 + 0.04 * r.nextGaussian()));
            marks.retolerance(tol);
            flipped += ends(lines, before) != ends(lines, tol) ? 1 : 0;
            assertThat(firstWrongMark(lines, marks, tol))
                    .as("wrong mark at step %d, tolerance %s", step, tol)
                    .isEqualTo(-1);
            assertThat(marks.widest(step / 3, tol))
                    .as("bound at step %d, tolerance %s", step, tol)
                    .isGreaterThanOrEqualTo(ZoneWidthBoundTest.widestZone(lines, tol));
        }
        assertThat(flipped).as("steps whose tolerance change moved a zone end").isGreaterThan(500);
    }

    @Test
    void marks_infiniteSignedZeroAndNanPrices_equalZonesBuiltFromScratch() {
        SplittableRandom r = new SplittableRandom(5);
        double[] price = new double[2400];
        for (int id = 0; id < price.length; id++) {
            int kind = r.nextInt(30);
            double special = kind == 0 ? Double.POSITIVE_INFINITY : kind == 1 ? Double.NEGATIVE_INFINITY : -0.0;
            price[id] = kind < 3 ? special : coarseOrFine(r) - 100;
        }
        // NaN prices only among the last lines: a NaN has no place in the order but the one its insert's probes
        // found, which a later search need not find again, so they only enter (the index's own tests cover removes)
        for (int id = 2000; id < price.length; id += 7) {
            price[id] = Double.NaN;
        }
        SortedLines lines = new SortedLines();
        ZoneMarks marks = new ZoneMarks();
        lines.keep(marks);
        List<Integer> in = new ArrayList<>();
        for (int id = 0; id < price.length; id++) {
            if (id >= 2000 || in.size() < 100 || r.nextBoolean()) {
                lines.insert(price, id);
            } else {
                lines.replace(price, in.remove(r.nextInt(in.size())), id);
            }
            in.add(id);
            double tol = 0.05 + 0.3 * r.nextDouble();
            marks.retolerance(tol);
            assertThat(firstWrongMark(lines, marks, tol))
                    .as("wrong mark after line %d", id)
                    .isEqualTo(-1);
            if (lines.allFinite()) {
                assertThat(marks.widest(id, tol)).isGreaterThanOrEqualTo(ZoneWidthBoundTest.widestZone(lines, tol));
            } else {
                assertThat(marks.widest(id, tol)).isEqualTo(Double.POSITIVE_INFINITY);
            }
        }
    }

    private static double coarseOrFine(SplittableRandom r) {
        // coarse prices make exact ties and gaps exactly at the tolerance common
        return r.nextInt(4) == 0 ? 100 + r.nextInt(40) * 0.05 : 100 + r.nextGaussian();
    }

    /** The first position whose end or type mark differs from the zones built from scratch, or -1. */
    private static int firstWrongMark(SortedLines lines, ZoneMarks marks, double tol) {
        for (int k = 0; k < lines.size(); k++) {
            boolean end = k + 1 == lines.size()
                    || (lines.id(k) & 1) != (lines.id(k + 1) & 1)
                    || !(lines.price(k + 1) - lines.price(k) <= tol);
            boolean support = (lines.id(k) & 1) == DrummondLines.SUPPORT;
            if (bit(marks.ends, k) != end || bit(marks.types, k) != support) {
                return k;
            }
        }
        return -1;
    }

    private static boolean bit(long[] bits, int k) {
        return (bits[k >>> 6] >>> k & 1) != 0;
    }

    /** How many positions end a zone at {@code tol}. */
    private static int ends(SortedLines lines, double tol) {
        int n = 0;
        for (int k = 0; k + 1 < lines.size(); k++) {
            n += (lines.id(k) & 1) != (lines.id(k + 1) & 1) || !(lines.price(k + 1) - lines.price(k) <= tol) ? 1 : 0;
        }
        return n;
    }
}
