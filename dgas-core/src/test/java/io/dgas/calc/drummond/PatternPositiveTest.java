package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hand-built series per pattern type of drummond.md §4 (default parameters) on which that pattern fires, with the
 * expected event worked out in the comments. Events are written "direction start end strength detectedAt". Exhaust's
 * re-entry through the band is in {@link WorkedCasesTest}; the one here re-enters inside the band.
 */
class PatternPositiveTest {

    @Test
    void push_fourRisingBarsAbovePldot_firesUpStreakWhenABarBreaksIt() {
        // bars 0..6: x = 100 + i, H = x + 0.5, L = x − 0.5, C = x + 0.25 → tp = x + 1/12, PLdot_i = x − 1 + 1/12, so
        // close − PLdot = 1.1667 > 0 and slope = 1 > 0 from bar 3 (slope is 0 at bar 2): bars 3..6 push up.
        // bar 7: H 107, L 105, C 105 → tp 105.667, PLdot (105.083 + 106.083 + 105.667)/3 = 105.611 > close (side −1)
        // while slope = 105.611 − 105.083 > 0: not pushing, the streak closes → +1, bars 3..6, strength 4, at 7
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            bars.add(new double[] {100 + i + 0.5, 100 + i - 0.5, 100 + i + 0.25});
        }
        bars.add(new double[] {107, 105, 105});
        assertThat(events(series(bars), PatternType.PLDOT_PUSH)).containsExactly("1 3 6 4 7");
    }

    @Test
    void refresh_twoBarsFarAboveThenReturn_firesDownEvent() {
        // bars 0..9 flat (H 100.5, L 99.5, C 100: tp = PLdot = 100, std 0 → tolerance 0.1)
        // bar 10 (H 101, L 100, C 101, tp 100.667): PLdot 100.2222, distance 0.7778 > tolerance 0.1 + std(100 ×4,
        // 100.2222) 0.0889 = 0.1889 → far, run 1; bar 11 same bar: PLdot 100.4444, distance 0.5556 > 0.2778 → run 2;
        // bar 12 (H 100.6, L 100.3, C 100.44, tp 100.4467): PLdot 100.5933, distance 0.1533 ≤ 0.3373 → the return.
        // 2 ≤ run 2 ≤ 4 and largest distance 0.7778 ≥ 0.05 → direction −1, bars 10..12, strength run + 1 = 3, at 12
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bars.add(new double[] {100.5, 99.5, 100});
        }
        bars.add(new double[] {101, 100, 101});
        bars.add(new double[] {101, 100, 101});
        bars.add(new double[] {100.6, 100.3, 100.44});
        assertThat(events(series(bars), PatternType.PLDOT_REFRESH)).containsExactly("-1 10 12 3 12");
    }

    @Test
    void exhaust_twoBarsFarAboveThenCloseInsideBand_firesDownEvent() {
        // bars 0..7 are exhaust_reentry_through_band's (vectors/cases, with its arithmetic): an up-run on bars 6 and 7
        // (extensions 15.5 and 18.5 widths ≥ 2, extreme close 100.60, last run slope +0.01).
        // bar 8 (H 100.60, L 99.30, C 100.01): tp 299.91/3 = 99.97, PLdot (100.03 + 100.03 + 99.97)/3 = 100.01,
        // slope 100.01 − 100.03 = −0.02; PLdots 100.02, 100.03, 100.01 → std 0.01, offset 0.015, upper 100.025,
        // lower 99.995, width 0.03: close inside both edges, extension −0.5 (no run). recovery 1 ≤ 3, run 2 ≥ 2,
        // reversion (100.60 − 100.01)/0.03 = 19.7 ≥ 0.4, slopes +0.01 and −0.02 → −1, bars 6..8, strength 2, at 8
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            bars.add(new double[] {100.50, 99.50, 100.00});
        }
        bars.add(new double[] {100.08, 100.00, 100.01});
        bars.add(new double[] {100.50, 99.09, 100.50});
        bars.add(new double[] {100.60, 98.89, 100.60});
        bars.add(new double[] {100.60, 99.30, 100.01});
        assertThat(events(series(bars), PatternType.EXHAUST)).containsExactly("-1 6 8 2 8");
    }

    @Test
    void cwave_fourRowsAtTheUpperBand_firesUpEventWhenTheRideEnds() {
        // bars 0..7: x = 100 + i, H = C = x + 0.75, L = x − 0.75 → tp = x + 0.25 and PLdot = x − 0.75, exact in
        // binary; slope 1, band std of (a, a + 1, a + 2) = 1, offset 1.5, width 3 (from bar 4, the first full band);
        // close − lower = 1.5 + 1.5 = width → position 1 ≥ 0.9 on bars 4..7.
        // bar 8 (x = 108: H 108.75, L 107.25, C 107.25): tp 107.75, PLdot (106.25 + 107.25 + 107.75)/3 = 107.0833,
        // PLdots 105.25, 106.25, 107.0833 → std 0.9179, offset 1.3769, position (0.1667 + 1.3769)/2.7538 = 0.56 <
        // 0.9: the ride ends. Streak 4..7: length 4 ≥ 3, mean slope 1 ≥ 0, slope 7 − slope 4 = 0 ≥ 0, width change
        // (3 − 3)/3 = 0 ≥ 0 → +1, bars 4..7, strength 4, at 8
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i <= 7; i++) {
            bars.add(new double[] {100 + i + 0.75, 100 + i - 0.75, 100 + i + 0.75});
        }
        bars.add(new double[] {108.75, 107.25, 107.25});
        assertThat(events(series(bars), PatternType.C_WAVE)).containsExactly("1 4 7 4 8");
    }

    @Test
    void oscillation_closesAlternatingAroundTheCentre_firesNeutralEventWhenARowLeaves() {
        // bars 0..11: x = 100 + i, H = x + 0.5, L = x − 0.5, C = x − 1.5 on even bars and x − 0.5 on odd ones
        // (e = −1.5 / −0.5). tp = x + e/3, PLdot = x − 1 + (e_{i−2} + e_{i−1} + e_i)/9: x − 1.3889 (even),
        // x − 1.2778 (odd); steps 1.1111 and 0.8889 alternate, so every band window is (a, a + 1.1111, a + 2) or
        // (a, a + 0.8889, a + 2): std 1.00205, offset 1.5031, width 3.0062.
        // position even = (−1.5 + 1.3889 + 1.5031)/3.0062 = 0.463, odd = (−0.5 + 1.2778 + 1.5031)/3.0062 = 0.759:
        // inside [0.2, 0.8], each step crossing 0.5 back, so bars 4..11 extend one streak.
        // bar 12 (x = 112, C = x + 3): far above the band, position 1 > 0.8 → the streak closes: 0, bars 4..11,
        // strength 8, at 12
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i <= 11; i++) {
            double x = 100 + i;
            bars.add(new double[] {x + 0.5, x - 0.5, x + (i % 2 == 0 ? -1.5 : -0.5)});
        }
        bars.add(new double[] {112.5, 111.5, 115});
        assertThat(events(series(bars), PatternType.CONGESTION_OSCILLATION)).containsExactly("0 4 11 8 12");
    }

    @Test
    void termination_equalHighsAndLows_touchThenApproach() {
        // bars 0..2: H 101, L 99, C 100. At bar 2 the lines ending by bar 2 project 101 (resistance 0 and 2) and 99
        // (support 1 and 3); tolerance max(mean range 2 × 0.3, 0.05) = 0.6 (no band yet): zones support [99, 99] and
        // resistance [101, 101], strength 2 each (ascending price: support first). Zero width → 0.01; touch distance
        // max(99 × 0.0015, 0.005) = 0.1485 and 0.1515: low 99 and high 101 are on the zones → touch support
        // (direction +1) and touch resistance (direction −1), strength 2, at bar 2.
        // bar 3: H 100.7, L 99.35. New lines: resistance 100.7 + (100.7 − 101) = 100.4, support 99.35 + 0.35 = 99.7;
        // tolerance = (2 + 2 + 2 + 1.35)/4 × 0.3 = 0.5513: 99 → 99.7 (Δ 0.7) and 100.4 → 101 (Δ 0.6) do not chain,
        // the two zones stay. Support: low 99.35 > 99 + 0.1485 (no touch), distance 0.35 ≤ approach max(99 × 0.005,
        // 0.02) = 0.495 → approach, direction −1; resistance: high 100.7 < 101 − 0.1515, distance 0.3 ≤ 0.505 →
        // approach, direction +1; both strength 2, at bar 3.
        List<double[]> bars = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            bars.add(new double[] {101, 99, 100});
        }
        bars.add(new double[] {100.7, 99.35, 100});
        BarSeries s = series(bars);
        assertThat(events(s, PatternType.TERMINATION_TOUCH)).containsExactly("1 2 2 2 2", "-1 2 2 2 2");
        assertThat(events(s, PatternType.TERMINATION_APPROACH)).containsExactly("-1 3 3 2 3", "1 3 3 2 3");
    }

    private static BarSeries series(List<double[]> hlc) {
        BarSeries s = new BarSeries("HAND", Timeframe.H1, hlc.size());
        double open = hlc.get(0)[2];
        for (int i = 0; i < hlc.size(); i++) {
            double[] b = hlc.get(i);
            s.append(RandomBars.START + i * 3600L, Math.min(Math.max(open, b[1]), b[0]), b[0], b[1], b[2], 1000);
            open = b[2];
        }
        return s;
    }

    private static List<String> events(BarSeries s, PatternType type) {
        PatternEvents e = DrummondAnalyzer.analyze(s).patterns();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < e.size(); k++) {
            if (e.type(k) == type) {
                out.add(e.direction(k) + " " + e.start(k) + " " + e.end(k) + " " + e.strength(k) + " "
                        + e.detectedAt(k));
            }
        }
        return out;
    }
}
