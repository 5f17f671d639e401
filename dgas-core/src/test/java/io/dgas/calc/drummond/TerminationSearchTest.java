package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The price-ordered termination search against a brute force that rebuilds every zone of the window at every bar
 * and evaluates all of them (§4.6 literally, with the same window and zone identity).
 */
class TerminationSearchTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void priceSearch_randomSeries_equalsBruteForceOverAllZones(long seed) {
        BarSeries s = RandomBars.series(seed, 400, Timeframe.H1);
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        List<String> expected = bruteForce(a);
        List<String> actual = new ArrayList<>();
        PatternEvents e = a.patterns();
        for (int k = 0; k < e.size(); k++) {
            if (e.type(k) == PatternType.TERMINATION_APPROACH || e.type(k) == PatternType.TERMINATION_TOUCH) {
                actual.add(e.type(k) + " " + e.direction(k) + " " + e.end(k) + " " + e.strength(k));
            }
        }
        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected);
    }

    /** Every zone rebuilt at every bar (the literal §4.6 rule): the reference the fast search is compared with. */
    static List<String> bruteForce(DrummondAnalysis a) {
        PatternParams p = a.params().patterns();
        ZoneCheck checker = new ZoneCheck(p);
        DrummondLines lines = a.lines();
        int n = a.size();
        List<String> out = new ArrayList<>();
        Set<Integer> active = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int from = p.terminationLookbackBars() > 0 ? Math.max(0, 2 * (i - p.terminationLookbackBars())) : 0;
            int to = DrummondLines.countEndingBy(i);
            Integer[] ids = new Integer[Math.max(0, to - from)];
            for (int id = from; id < to; id++) {
                ids[id - from] = id;
            }
            Arrays.sort(
                    ids,
                    (x, y) -> lines.projectedPrice(x) != lines.projectedPrice(y)
                            ? Double.compare(lines.projectedPrice(x), lines.projectedPrice(y))
                            : Integer.compare(x, y));
            double tol = a.tolerance(i);
            Set<Integer> next = new HashSet<>();
            int k = 0;
            while (k < ids.length) {
                int j = k;
                int anchor = ids[k];
                while (j + 1 < ids.length
                        && (ids[j] & 1) == (ids[j + 1] & 1)
                        && lines.projectedPrice(ids[j + 1]) - lines.projectedPrice(ids[j]) <= tol) {
                    j++;
                    anchor = Math.min(anchor, ids[j]);
                }
                int strength = j - k + 1;
                if (strength >= p.terminationMinZoneStrength()) {
                    int type = ids[k] & 1;
                    int r = checker.check(
                            type,
                            lines.projectedPrice(ids[k]),
                            lines.projectedPrice(ids[j]),
                            a.series().high()[i],
                            a.series().low()[i]);
                    int approachDir = type == DrummondLines.RESISTANCE ? 1 : -1;
                    if (r == TerminationDetector.TOUCH) {
                        out.add(PatternType.TERMINATION_TOUCH + " " + -approachDir + " " + i + " " + strength);
                    } else if (r == TerminationDetector.APPROACH) {
                        if (!active.contains(anchor)) {
                            out.add(PatternType.TERMINATION_APPROACH + " " + approachDir + " " + i + " " + strength);
                        }
                        next.add(anchor);
                    }
                }
                k = j + 1;
            }
            active = next;
        }
        return out;
    }
}
