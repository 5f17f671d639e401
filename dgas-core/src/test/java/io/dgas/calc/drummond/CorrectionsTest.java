package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per [C] correction of drummond.md, each showing the corrected behaviour against the reference's. */
class CorrectionsTest {
    private static final BarSeries BARS = Golden.bars();

    @Test
    void pldot_latestBar_hasValueSoDownstreamIsNotStale() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(BARS);
        int last = BARS.size() - 1;
        double tp17 = (98.65 + 98.18 + 98.51) / 3;
        double tp18 = (98.57 + 98.18 + 98.52) / 3;
        double tp19 = (98.68 + 98.33 + 98.51) / 3;
        assertThat(a.pldot()[last]).isCloseTo((tp17 + tp18 + tp19) / 3, within(1e-12));
        // the reference stops one bar early: its PLdot file has no row for the latest bar
        assertThat(Golden.csv(Golden.text("pldot.csv"))).hasSize(last - 2);
        assertThat(a.states().state()[last]).isNotNegative();
        assertThat(a.width()[last]).isPositive();
    }

    @Test
    void termination_earlyBars_ignoreZonesFromLinesThatEndLater() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(BARS);
        double[] price = new double[a.lines().count()];
        for (int id = 0; id < price.length; id++) {
            price[id] = a.lines().projectedPrice(id);
        }
        ZoneSet allLines = DrummondZones.fromLines(price, price.length, a.tolerance(19), a.lastAvgRange(), 0);
        PatternEvents reference =
                ZoneCheck.scanFixedZones(a.params().patterns(), allLines, BARS.high(), BARS.low(), 20);
        // the reference reports events at bar 0, when no line exists yet: they come from future lines
        assertThat(countTermination(reference, 0)).isPositive();
        assertThat(countTermination(a.patterns(), 0)).isZero();
        assertThat(countTermination(a.patterns(), 1)).isZero();
    }

    @Test
    void termination_constructedFutureZone_noEventBeforeTheZoneExists() {
        BarSeries s = new BarSeries("T", Timeframe.H1);
        long t = RandomBars.START;
        // bars 0..2: their four lines alternate in type by price, so no zone of strength 2 exists yet
        s.append(t, 100, 100.1, 99.9, 100, 1);
        s.append(t + 3600, 100, 100.2, 99.8, 100, 1);
        s.append(t + 7200, 100, 100.05, 99.95, 100, 1);
        // bars 3..8 stall at a flat high of 100.3: their resistance lines build a strong zone there
        for (int i = 3; i < 9; i++) {
            s.append(t + i * 3600L, 99.2, 100.3, 99.0, 99.2, 1);
        }
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        double[] price = new double[a.lines().count()];
        for (int id = 0; id < price.length; id++) {
            price[id] = a.lines().projectedPrice(id);
        }
        ZoneSet future = DrummondZones.fromLines(price, price.length, a.tolerance(8), a.lastAvgRange(), 0);
        PatternEvents reference = ZoneCheck.scanFixedZones(a.params().patterns(), future, s.high(), s.low(), s.size());
        int before = 0;
        for (int i = 0; i < 3; i++) {
            before += countTermination(reference, i);
            assertThat(countTermination(a.patterns(), i)).as("bar " + i).isZero();
        }
        assertThat(before).as("reference events from the later zone").isPositive();
        int after = 0;
        for (int i = 5; i < s.size(); i++) {
            after += countTermination(a.patterns(), i);
        }
        assertThat(after).as("once the zone exists it counts").isPositive();
    }

    private static int countTermination(PatternEvents e, int bar) {
        int n = 0;
        for (int k = 0; k < e.size(); k++) {
            boolean term = e.type(k) == PatternType.TERMINATION_APPROACH || e.type(k) == PatternType.TERMINATION_TOUCH;
            if (term && e.end(k) == bar) {
                n++;
            }
        }
        return n;
    }

    @Test
    void lines_gapThree_projectPriceAndTimeByTheGap() {
        DrummondAnalysis a =
                DrummondAnalyzer.analyze(BARS, DrummondParams.defaults().withLineGap(3));
        DrummondLines l = a.lines();
        // first resistance line: 100.53 → 101.28, slope 0.75; the reference would project 102.03 whatever the gap
        assertThat(l.projectedPrice(0)).isCloseTo(101.28 + 0.75 * 3, within(1e-12));
        assertThat(l.projectedTs(0)).isEqualTo(BARS.ts()[1] + 3 * 3600);
    }

    @Test
    void confluence_drummondZoneComponent_isCappedAtThreeLines() {
        ConfluenceZones cz = new ConfluenceZones(0.005);
        ZoneSet six = new ZoneSet(
                new double[] {100}, new double[] {99.9}, new double[] {100.1}, new int[] {1}, new int[] {6}, 0.1, 1, 1);
        cz.addZones(0, 1.5, six);
        cz.addZones(1, 1.0, six);
        List<ConfluenceZone> zones = cz.build();
        assertThat(zones).hasSize(1);
        // min(6, 3) / 2 = 1.5 per timeframe: 1.5 × 1.5 + 1.0 × 1.5; the reference's 6 × (1.5 + 1.0) = 15 passes every
        // gate
        assertThat(zones.get(0).weightedStrength()).isCloseTo(3.75, within(1e-12));
        assertThat(zones.get(0).strength()).isEqualTo(2);
    }

    @Test
    void recentPatterns_listOrderDiffersFromEndOrder_takesLatestByEndTime() {
        PatternEvents e = new PatternEvents();
        e.add(PatternType.PLDOT_PUSH, 1, 20, 30, 11, 31);
        e.add(PatternType.CONGESTION_OSCILLATION, 0, 2, 10, 9, 32);
        int[] recent = RecentEvents.of(e, 40, 1);
        // by list order the oscillation (ending at 10) would be "most recent"
        assertThat(recent).containsExactly(0);
    }

    @Test
    void signalStop_bufferUsesAtrNotZoneVolatility() {
        DrummondAnalysis t = DrummondAnalyzer.analyze(BARS);
        int push = -1;
        for (int k = 0; k < t.patterns().size(); k++) {
            if (t.patterns().type(k) == PatternType.PLDOT_PUSH && t.patterns().direction(k) == 1) {
                push = k;
            }
        }
        ConfluenceZone support = new ConfluenceZone(ConfluenceZone.SUPPORT, 99.0, 98.0, 99.5, 2, 3.0);
        MtfAnalysis m = new MtfAnalysis(
                19,
                BARS.ts()[19],
                3,
                BARS.ts()[3],
                MarketState.TREND,
                1,
                0.9,
                0.8,
                MarketState.TREND,
                1,
                0.9,
                0.97,
                MtfAnalysis.AlignmentType.PERFECT,
                true,
                0.0,
                "at",
                List.of(support),
                new int[0],
                new int[] {push},
                false,
                0.8,
                MtfAnalysis.Risk.LOW,
                MtfAnalysis.Action.LONG);
        Signal s = Signals.evaluate(m, t, t, 0.4, SignalParams.defaults());
        assertThat(s).isNotNull();
        assertThat(s.type()).isEqualTo(Signal.Type.LONG);
        // [C] §7 zone role: the zone 98.0–99.5 contains the close 98.51, so it is at price and the entry is
        // min(level 99.0, close 98.51) = 98.51 (this test used to expect 99.0, a LONG entry above the market)
        assertThat(s.entry()).isEqualTo(98.51);
        // buffer = max(1.5 × ATR 0.4, 0.001 × 98.51) = 0.6; the zone's own width (1.5) would give 2.25
        assertThat(s.stop()).isCloseTo(98.0 - 0.6, within(1e-12));
        assertThat(s.target()).isCloseTo(98.51 + 2 * (98.51 - 97.4), within(1e-12));
    }

    @Test
    void calibration_entryNeverReached_isNotFilledEvenWhenTargetTrades() {
        BarSeries s = new BarSeries("C", Timeframe.H1);
        for (int i = 0; i < 30; i++) {
            s.append(RandomBars.START + i * 3600L, 105, 112, 101, 106, 1);
        }
        Signal sig = new Signal(
                "C", 0, RandomBars.START, Signal.Type.LONG, 100, 95, 110, 0.7, 0.7, 0.7, Signal.Tier.MEDIUM, false);
        // high ≥ target on every bar: the reference calls it a win although nobody could have bought at 100
        assertThat(Calibration.evaluate(sig, s, 86_400)).isEqualTo(Calibration.Outcome.NOT_FILLED);
    }

    @Test
    void mtf_formingHigherTimeframeBar_isNeverUsed() {
        BarSeries trading = RandomBars.series(5, 60, Timeframe.H1);
        int k = 57; // 57h: the 4h bucket 56h–60h is still forming
        BarSeries htf = BarAggregator.complete(trading, Timeframe.H4, Long.MAX_VALUE); // includes that bucket
        DrummondAnalysis h = DrummondAnalyzer.analyze(htf);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        assertThat(htf.ts()[htf.size() - 1]).isEqualTo(RandomBars.START + 56 * 3600L);
        int j = MultiTimeframe.completeHtfIndex(h, t, k);
        assertThat(htf.ts()[j]).isEqualTo(RandomBars.START + 52 * 3600L);
        assertThat(MultiTimeframe.analyze(h, t, k, MtfParams.defaults()).htfIndex())
                .isEqualTo(j);
        // once the last hour of the bucket has closed the bucket counts
        assertThat(MultiTimeframe.completeHtfIndex(h, t, 59)).isEqualTo(htf.size() - 1);
    }

    @Test
    void confluence_sortedSweep_clustersWithinSeedToleranceOnly() {
        ConfluenceZones cz = new ConfluenceZones(0.005);
        cz.add(ConfluenceZone.SUPPORT, 0, 100.0, 1, 0.01);
        cz.add(ConfluenceZone.SUPPORT, 1, 100.4, 1, 0.01);
        cz.add(ConfluenceZone.SUPPORT, 0, 100.8, 1, 0.01); // 0.8 from the seed: beyond 0.5 %
        cz.add(ConfluenceZone.RESISTANCE, 1, 100.2, 1, 0.01); // other type never joins
        List<ConfluenceZone> zones = cz.build();
        assertThat(zones).hasSize(1);
        assertThat(zones.get(0).lower()).isEqualTo(100.0);
        assertThat(zones.get(0).upper()).isEqualTo(100.4);
    }
}
