package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sorted line index (long-key searches, single-shift replace) against a list re-sorted by the (price, id) order
 * of the previous implementation's comparator, after every insert, remove and replace.
 */
class SortedLinesTest {
    private static final double[] SPECIAL = {-0.0, 0.0, 1.0, -1.0, 2.5, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300};

    private static double randomPrice(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 1 -> Math.round(r.nextDouble() * 8) / 2.0 - 2; // exact ties
            case 2 -> r.nextInt(30) == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            default -> 100 + r.nextGaussian();
        };
    }

    /** (price, id) with the previous comparator's semantics: −0.0 equals +0.0, ties by id. */
    private static final Comparator<double[]> ORDER =
            (a, b) -> a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : Double.compare(a[1], b[1]);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void insertRemoveReplace_randomOpsWithTiesAndSignedZeros_matchReferenceOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] price = new double[4000];
        for (int id = 0; id < price.length; id++) {
            price[id] = randomPrice(r);
        }
        SortedLines lines = new SortedLines();
        List<double[]> reference = new ArrayList<>();
        int next = 0;
        for (int op = 0; op < 3000 && next < price.length; op++) {
            int kind = reference.isEmpty() ? 0 : r.nextInt(3);
            if (kind == 0) {
                lines.insert(price, next);
                reference.add(new double[] {price[next], next++});
            } else {
                double[] out = reference.remove(r.nextInt(reference.size()));
                if (kind == 1) {
                    lines.remove(price, (int) out[1]);
                } else {
                    lines.replace(price, (int) out[1], next);
                    reference.add(new double[] {price[next], next++});
                }
            }
            reference.sort(ORDER);
            assertThat(lines.size()).isEqualTo(reference.size());
            for (int k = 0; k < reference.size(); k++) {
                assertThat(lines.id(k)).as("op %d position %d", op, k).isEqualTo((int)
                        reference.get(k)[1]);
            }
            double probe = randomPrice(r);
            int floor = -1;
            while (floor + 1 < reference.size() && reference.get(floor + 1)[0] <= probe) {
                floor++;
            }
            assertThat(lines.floor(probe)).as("floor of %s", probe).isEqualTo(floor);
            double[] probes = {randomPrice(r), probe, randomPrice(r), randomPrice(r)};
            int[] floors = new int[4];
            lines.floors(probes[0], probes[1], probes[2], probes[3], floors);
            for (int j = 0; j < 4; j++) {
                assertThat(floors[j]).as("floors of %s", probes[j]).isEqualTo(lines.floor(probes[j]) + 1);
            }
            assertThat(floors[1]).isEqualTo(floor + 1);
            for (int k = 0; k + 1 < reference.size(); k++) {
                int a = (int) reference.get(k)[1];
                int b = (int) reference.get(k + 1)[1];
                double gap = reference.get(k + 1)[0] - reference.get(k)[0];
                boolean chained = ((a ^ b) & 1) == 0 && gap <= 0.5;
                assertThat(lines.chainedToNext(k, SortedLines.toleranceKey(0.5)))
                        .isEqualTo(chained);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void replaceTwo_randomPairsWithTiesAndSignedZeros_equalsTwoReplaces(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        // mostly a narrow range so that the pairs' positions interleave and tie with each other
        double[] price = new double[3000];
        Arrays.setAll(price, id -> r.nextInt(3) == 0 ? randomPrice(r) : 100 + r.nextInt(12) * 0.25);
        SortedLines two = new SortedLines();
        SortedLines apart = new SortedLines();
        ZoneMarks twoMarks = new ZoneMarks();
        ZoneMarks apartMarks = new ZoneMarks();
        two.keep(twoMarks);
        apart.keep(apartMarks);
        SortedLines plain = new SortedLines();
        List<Integer> in = new ArrayList<>();
        int next = 0;
        for (; next < 60; next++) {
            two.insert(price, next);
            apart.insert(price, next);
            plain.insert(price, next);
            in.add(next);
        }
        while (next + 1 < price.length) {
            int out0 = in.remove(r.nextInt(in.size()));
            int out1 = in.remove(r.nextInt(in.size()));
            two.replaceTwo(price, out0, next, out1, next + 1);
            apart.replace(price, out0, next);
            apart.replace(price, out1, next + 1);
            plain.replaceTwo(price, out0, next, out1, next + 1);
            in.add(next++);
            in.add(next++);
            twoMarks.retolerance(0.25);
            apartMarks.retolerance(0.25);
            for (int k = 0; k < apart.size(); k++) {
                assertThat(two.id(k)).as("line %d position %d", next, k).isEqualTo(apart.id(k));
                assertThat(plain.id(k)).isEqualTo(apart.id(k));
                assertThat(plain.chainedToNext(k, SortedLines.toleranceKey(0.25)))
                        .isEqualTo(k + 1 < apart.size()
                                && ((apart.id(k) ^ apart.id(k + 1)) & 1) == 0
                                && apart.price(k + 1) - apart.price(k) <= 0.25);
            }
            assertThat(twoMarks.ends).isEqualTo(apartMarks.ends);
            assertThat(twoMarks.types).isEqualTo(apartMarks.types);
        }
    }
}
