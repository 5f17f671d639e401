package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tracker's zone-end and wide-zone marks, kept through random inserts, removes, replaces and tolerance changes,
 * equal marks built from scratch on the same window after every step.
 */
class ZoneTrackerTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void marks_randomChangesAndTolerances_equalAFreshBuild(int minStrength) {
        SplittableRandom r = new SplittableRandom(minStrength * 31L);
        double[] price = new double[4000];
        for (int id = 0; id < price.length; id++) {
            // coarse prices make exact ties and equal gaps (links at exactly the tolerance) common
            price[id] = r.nextInt(4) == 0 ? 100 + r.nextInt(40) * 0.05 : 100 + r.nextGaussian();
        }
        SortedLines lines = new SortedLines();
        ZoneTracker tracker = new ZoneTracker(minStrength);
        lines.track(tracker);
        List<Integer> in = new ArrayList<>();
        int next = 0;
        double theta = 0.25;
        tracker.rebuild(SortedLines.toleranceKey(0.1), theta);
        for (int step = 0; step < 3000; step++) {
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
            if (r.nextInt(3) == 0) {
                tracker.sync(SortedLines.toleranceKey(r.nextDouble() * 0.3));
            }
            ZoneTracker fresh = new ZoneTracker(minStrength);
            SortedLines copy = new SortedLines();
            for (int k = 0; k < lines.size(); k++) {
                copy.insert(price, lines.id(k));
            }
            copy.track(fresh);
            fresh.rebuild(tracker.tolKey(), theta);
            int words = (lines.size() >>> 6) + 1;
            assertThat(Arrays.copyOf(tracker.ends, words))
                    .as("ends at step " + step)
                    .isEqualTo(Arrays.copyOf(fresh.ends, words));
            assertThat(Arrays.copyOf(tracker.wide, words))
                    .as("wide at step " + step)
                    .isEqualTo(Arrays.copyOf(fresh.wide, words));
        }
    }
}
