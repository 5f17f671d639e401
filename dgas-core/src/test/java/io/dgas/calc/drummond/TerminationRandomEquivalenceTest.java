package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The termination search as shipped (zone marks kept across bars, a band per zone type, cut by the widest-zone bound)
 * against the literal §4.6 brute force, the search deriving its marks per bar (the build before), the search of both
 * types in one band and the span-bound pass, over many seeds and regimes: calm and wild volatility, trends, price
 * scales from 0.05 to
 * 20,000, prices on a coarse tick (so projected prices tie and zones of equal prices form), gaps between bars, and
 * the look-back and zone settings. Every pattern event of the four engine paths must be the same, field by field, and
 * the termination events must equal the brute force's. Bars also arrive as forming bars replaced before their final
 * version, through the incremental analyzer, against the search deriving its marks per bar.
 */
class TerminationRandomEquivalenceTest {

    /** One regime of the generator. */
    record Regime(double scale, double vol, double drift, double tick, double gapChance) {}

    /** Calm and wild volatility, trends, coarse ticks, gaps and price scales. */
    static final Regime[] REGIMES = {
        new Regime(100, 0.004, 0, 0, 0),
        new Regime(100, 0.02, 0, 0, 0),
        new Regime(100, 0.006, 0.002, 0, 0),
        new Regime(100, 0.006, -0.002, 0, 0),
        new Regime(100, 0.005, 0, 0.05, 0),
        new Regime(10, 0.01, 0, 0.01, 0.05),
        new Regime(0.05, 0.01, 0, 0.0001, 0),
        new Regime(20_000, 0.003, 0, 1, 0.02),
        new Regime(100, 0.008, 0, 0.25, 0.1),
        new Regime(1, 0.03, 0, 0.01, 0),
    };

    static Stream<Arguments> cases() {
        PatternParams d = PatternParams.defaults();
        Regime[] regimes = REGIMES;
        PatternParams[] settings = {
            d,
            d.withTerminationLookbackBars(0),
            d.withTerminationLookbackBars(7),
            TerminationEquivalenceTest.with(d, 0.001, 0.004, 2),
            TerminationEquivalenceTest.with(d, 0.005, 0.0015, 3),
            TerminationEquivalenceTest.with(d, 0.02, 0.0, 2),
        };
        return IntStream.range(0, 48).mapToObj(k -> {
            Regime g = regimes[k % regimes.length];
            PatternParams pp = settings[(k / 2) % settings.length];
            return Arguments.of(k, 9_000L + k, g, pp);
        });
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void shippedSearch_randomRegimes_equalsBruteForceAndSpanBound(int k, long seed, Regime g, PatternParams pp) {
        DrummondParams params = TerminationEquivalenceTest.withPatterns(pp);
        int n = pp.terminationLookbackBars() == 0 ? 250 : 500;
        BarSeries s = bars(seed, n, g);
        DrummondAnalysis shipped = DrummondAnalyzer.analyze(s, params);
        DrummondEngine span = new DrummondEngine(s.head(s.size()), params, false);
        span.advance();
        DrummondEngine both = new DrummondEngine(s.head(s.size()), params, true, false);
        both.advance();
        DrummondEngine perBar = new DrummondEngine(s.head(s.size()), params, true, true, false);
        perBar.advance();

        assertThat(rows(shipped.patterns()))
                .as("case %d: all events, shipped vs span bound", k)
                .isEqualTo(rows(span.events));
        assertThat(rows(shipped.patterns()))
                .as("case %d: all events, shipped vs marks derived per bar", k)
                .isEqualTo(rows(perBar.events));
        assertThat(rows(shipped.patterns()))
                .as("case %d: all events, shipped vs both types in one band", k)
                .isEqualTo(rows(both.events));
        List<String> expected = TerminationSearchTest.bruteForce(shipped);
        assertThat(expected)
                .as("case %d: the regime produces termination events", k)
                .hasSizeGreaterThan(10);
        assertThat(TrackedZonesEquivalenceTest.termination(shipped.patterns()))
                .as("case %d: termination events vs brute force", k)
                .isEqualTo(expected);
    }

    /**
     * Bars arriving as forming bars (up to three versions of each bar replace one another before its final one, as a
     * live feed sends them) through the incremental analyzer, whose kept zone marks undo and redo each replaced bar,
     * against the search deriving its marks per bar over the final bars alone; odd regimes with every line (a window
     * past 256 lines).
     */
    @ParameterizedTest(name = "regime {0}")
    @MethodSource("regimeIndexes")
    void shippedSearch_formingBarsReplaced_equalsPerBarMarksOnFinalBars(int k) {
        Regime g = REGIMES[k];
        PatternParams pp = PatternParams.defaults().withTerminationLookbackBars(k % 2 == 0 ? 100 : 0);
        DrummondParams params = TerminationEquivalenceTest.withPatterns(pp);
        BarSeries s = bars(7_000L + k, 400, g);
        SplittableRandom r = new SplittableRandom(k);
        IncrementalAnalyzer inc = new IncrementalAnalyzer("F" + k, s.timeframe(), params);
        int replaced = 0;
        for (int i = 0; i < s.size(); i++) {
            int versions = r.nextInt(4);
            for (int v = 0; v < versions; v++) {
                double open = s.open()[i];
                double close = s.close()[i] * (1 + g.vol() * r.nextGaussian());
                double high = Math.max(open, close) * (1 + Math.abs(r.nextGaussian()) * g.vol() / 2);
                double low = Math.min(open, close) * (1 - Math.abs(r.nextGaussian()) * g.vol() / 2);
                if (v == 0) {
                    inc.append(s.ts()[i], open, high, low, close, s.volume()[i]);
                } else {
                    inc.replaceLast(s.ts()[i], open, high, low, close, s.volume()[i]);
                    replaced++;
                }
            }
            if (versions == 0) {
                inc.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
            } else {
                inc.replaceLast(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
                replaced++;
            }
        }
        DrummondEngine perBar = new DrummondEngine(s.head(s.size()), params, true, true, false);
        perBar.advance();

        assertThat(replaced).as("regime %d: bars replaced", k).isGreaterThan(s.size());
        assertThat(TrackedZonesEquivalenceTest.termination(perBar.events))
                .as("regime %d: termination events", k)
                .hasSizeGreaterThan(10);
        assertThat(rows(inc.analysis().patterns()))
                .as("regime %d: all events, forming bars replaced vs marks per bar", k)
                .isEqualTo(rows(perBar.events));
    }

    static IntStream regimeIndexes() {
        return IntStream.range(0, REGIMES.length);
    }

    /** A multiplicative walk with the regime's volatility, drift, gaps and tick (prices rounded to it). */
    static BarSeries bars(long seed, int n, Regime g) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries s = new BarSeries("T" + seed, Timeframe.H1, n);
        double price = g.scale();
        for (int i = 0; i < n; i++) {
            double open = price;
            if (r.nextDouble() < g.gapChance()) {
                open *= Math.exp((r.nextBoolean() ? 1 : -1) * (3 + 5 * r.nextDouble()) * g.vol());
            }
            double close = open * Math.exp(g.drift() + g.vol() * r.nextGaussian());
            double high = Math.max(open, close) * (1 + Math.abs(r.nextGaussian()) * g.vol() / 2);
            double low = Math.min(open, close) * (1 - Math.abs(r.nextGaussian()) * g.vol() / 2);
            if (g.tick() > 0) {
                double t = g.tick();
                open = Math.max(t, Math.rint(open / t) * t);
                close = Math.max(t, Math.rint(close / t) * t);
                high = Math.max(Math.ceil(high / t) * t, Math.max(open, close));
                low = Math.max(t, Math.min(Math.floor(low / t) * t, Math.min(open, close)));
            }
            s.append(RandomBars.START + i * 3600L, open, high, low, close, 1000 + r.nextInt(9000));
            price = close;
        }
        return s;
    }

    private static List<String> rows(PatternEvents e) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < e.size(); k++) {
            out.add(e.type(k) + " " + e.direction(k) + " " + e.start(k) + " " + e.end(k) + " " + e.strength(k) + " "
                    + e.detectedAt(k));
        }
        return out;
    }
}
