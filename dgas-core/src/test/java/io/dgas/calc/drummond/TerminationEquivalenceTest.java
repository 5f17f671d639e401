package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounded, bit-set termination search ({@link TerminationDetector}) against a brute force that rebuilds every
 * zone of the window at every bar and tests all of them (§4.6 literally), over settings that exercise each of its
 * paths and bounds: prices near 1 (where the 2 × 0.01 minimum width dominates the percentage reach), prices near
 * 10,000, an unlimited and a tiny look-back, single-line zones (the non-bit-set walk), touch wider than approach, and
 * windows of more than 64 positions (several bit-set words).
 */
class TerminationEquivalenceTest {

    static Stream<Arguments> cases() {
        PatternParams d = PatternParams.defaults();
        return Stream.of(
                Arguments.of("defaults", 11L, 100.0, d),
                Arguments.of("price near 1", 12L, 1.0, d),
                Arguments.of("price near 10000", 13L, 10_000.0, d),
                Arguments.of("unlimited look-back", 14L, 100.0, d.withTerminationLookbackBars(0)),
                Arguments.of("look-back 3", 15L, 100.0, d.withTerminationLookbackBars(3)),
                Arguments.of("single-line zones", 16L, 100.0, with(d, 0.005, 0.0015, 1)),
                Arguments.of("touch wider than approach", 17L, 100.0, with(d, 0.001, 0.004, 2)),
                Arguments.of("strength 3", 18L, 100.0, with(d, 0.005, 0.0015, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void boundedSearch_randomSeries_equalsBruteForceOverAllZones(
            String name, long seed, double scale, PatternParams pp) {
        DrummondParams params = withPatterns(pp);
        BarSeries s = scaled(seed, 600, scale);
        DrummondAnalysis a = DrummondAnalyzer.analyze(s, params);
        List<String> actual = new ArrayList<>();
        PatternEvents e = a.patterns();
        for (int k = 0; k < e.size(); k++) {
            if (e.type(k) == PatternType.TERMINATION_APPROACH || e.type(k) == PatternType.TERMINATION_TOUCH) {
                actual.add(e.type(k) + " " + e.direction(k) + " " + e.end(k) + " " + e.strength(k));
            }
        }
        assertThat(actual).as(name).hasSizeGreaterThan(20).isEqualTo(TerminationSearchTest.bruteForce(a));
    }

    /** The default parameters with pattern settings {@code pp}. */
    static DrummondParams withPatterns(PatternParams pp) {
        DrummondParams base = DrummondParams.defaults();
        return new DrummondParams(
                base.displacement(),
                base.envelope(),
                base.slopeThreshold(),
                pp,
                base.lineGap(),
                base.zoneRangeFactor(),
                base.zoneWidthFactor(),
                base.zoneMinTolerance());
    }

    /** {@code d} with the given termination fractions and minimum zone strength. */
    static PatternParams with(PatternParams d, double approach, double touch, int minStrength) {
        return new PatternParams(
                d.pushMinBars(),
                d.refreshBaseTolerance(),
                d.refreshVolatilityLookback(),
                d.refreshVolatilityMultiplier(),
                d.refreshMinFarBars(),
                d.refreshMaxReturnBars(),
                d.refreshMinExtension(),
                d.exhaustExtension(),
                d.exhaustMinBars(),
                d.exhaustMaxRecovery(),
                d.exhaustMinReversion(),
                d.cwaveMinBars(),
                d.cwaveUpper(),
                d.cwaveLower(),
                d.cwaveVolumeConfirmation(),
                d.cwaveVolumeFactor(),
                d.oscillationMinRows(),
                d.oscillationLower(),
                d.oscillationUpper(),
                approach,
                touch,
                minStrength,
                d.terminationLookbackBars());
    }

    /** Random walk around {@code scale} with the relative moves of {@link RandomBars}. */
    private static BarSeries scaled(long seed, int n, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("E" + seed, Timeframe.H1, n);
        double price = 100;
        for (int i = 0; i < n; i++) {
            double[] b = RandomBars.next(r, price);
            double f = scale / 100;
            s.append(RandomBars.START + i * 3600L, b[0] * f, b[1] * f, b[2] * f, b[3] * f, b[4]);
            price = b[3];
        }
        return s;
    }
}
