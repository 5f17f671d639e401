package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dgas.calc.UnableToCalculateException;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class MultiTimeframeTest {

    @Test
    void analyze_randomSeries_scoresFollowTheirDefinitions() {
        BarSeries trading = RandomBars.series(17, 400, Timeframe.H1);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(trading, Timeframe.H4));
        int k = trading.size() - 1;
        MtfAnalysis m = MultiTimeframe.analyze(h, t, k, MtfParams.defaults());
        int j = m.htfIndex();
        StateSeries hs = h.states();
        boolean agreeing = m.htfState() == MarketState.TREND && hs.slopeClass()[j] == m.htfDirection();
        double strength =
                Math.min(1, Math.min(0.1 * hs.barsInState()[j], 0.4) + 0.4 * hs.confidence()[j] + (agreeing ? 0.2 : 0));
        assertThat(m.htfStrength()).isCloseTo(strength, within(1e-12));
        assertThat(m.alignment()).isBetween(0.0, 1.0);
        assertThat(m.tradePermitted())
                .isEqualTo((m.htfDirection() == m.tradingDirection() || m.htfDirection() == 0) && m.alignment() >= 0.6);
        assertThat(m.overlayDistancePct()).isCloseTo((t.pldot()[k] - h.pldot()[j]) / h.pldot()[j] * 100, within(1e-12));
        assertThat(m.recentTradingPatterns()).hasSizeLessThanOrEqualTo(10);
        for (int z = 1; z < m.zones().size(); z++) {
            ConfluenceZone prev = m.zones().get(z - 1);
            ConfluenceZone cur = m.zones().get(z);
            assertThat(prev.strength() > cur.strength()
                            || (prev.strength() == cur.strength() && prev.weightedStrength() >= cur.weightedStrength()))
                    .isTrue();
            assertThat(cur.strength()).isGreaterThanOrEqualTo(2);
        }
        assertThat(m.zones()).isNotEmpty();
    }

    @Test
    void zoneIndex_ascendingAndRestartedIndices_equalsRebuiltZones() {
        DrummondAnalysis t = DrummondAnalyzer.analyze(RandomBars.series(23, 250, Timeframe.H1));
        ZoneIndex source = new ZoneIndex();
        int[] order = {2, 3, 10, 10, 57, 200, 249, 40, 41, 249};
        for (int k : order) {
            Same.zones(source.at(t, k), t.zonesAt(k), "k " + k);
        }
    }

    @Test
    void analyze_tradingZonesGiven_equalsZonesBuiltInside() {
        BarSeries trading = RandomBars.series(31, 300, Timeframe.H1);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(trading, Timeframe.H4));
        int k = trading.size() - 1;

        for (int window : new int[] {0, 100, 299, 300, 1000}) {
            MtfParams mp = MtfParams.defaults().withZoneLookbackBars(window);
            MtfAnalysis given = MultiTimeframe.analyze(h, t, k, mp, t.zonesAt(k));

            assertThat(given)
                    .as("window " + window)
                    .usingRecursiveComparison()
                    .isEqualTo(MultiTimeframe.analyze(h, t, k, mp));
            assertThat(given.zones()).isNotEmpty();
        }
    }

    @Test
    void recent_everyBarAndSize_equalsLastEventsByEndOfEveryKnownEvent() {
        int compared = 0;
        for (long seed = 1; seed <= 3; seed++) {
            DrummondAnalysis a = DrummondAnalyzer.analyze(RandomBars.series(seed, 400, Timeframe.H1));
            PatternEvents e = a.patterns();
            for (int bar = 0; bar < a.size(); bar++) {
                for (int max : new int[] {1, 3, 10, 50}) {
                    // brute force: every event detected by the bar, stably sorted by end, the last max of them
                    java.util.List<Integer> known = new java.util.ArrayList<>();
                    for (int k = 0; k < e.countDetectedBy(bar); k++) {
                        known.add(k);
                    }
                    known.sort(java.util.Comparator.comparingInt(e::end));
                    int[] expected = known.subList(Math.max(0, known.size() - max), known.size()).stream()
                            .mapToInt(Integer::intValue)
                            .toArray();
                    assertThat(RecentEvents.of(e, bar, max))
                            .as("seed " + seed + " bar " + bar + " max " + max)
                            .isEqualTo(expected);
                    compared += expected.length;
                }
            }
        }
        assertThat(compared).as("events must occur to mean anything").isGreaterThan(10_000);
    }

    @Test
    void analyze_windowCoveringEveryLine_equalsEveryLine() {
        BarSeries trading = RandomBars.series(37, 260, Timeframe.H1);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(trading, Timeframe.H4));
        MtfParams every = MtfParams.defaults().withZoneLookbackBars(0);
        MtfParams longer = MtfParams.defaults().withZoneLookbackBars(trading.size());
        MtfParams shorter = MtfParams.defaults().withZoneLookbackBars(20);
        int differs = 0;
        for (int k = 30; k < trading.size(); k += 23) {
            MtfAnalysis all = MultiTimeframe.analyze(h, t, k, every);
            assertThat(MultiTimeframe.analyze(h, t, k, longer))
                    .usingRecursiveComparison()
                    .isEqualTo(all);
            differs += MultiTimeframe.analyze(h, t, k, shorter).zones().equals(all.zones()) ? 0 : 1;
        }
        assertThat(differs)
                .as("a window shorter than the series drops old lines' zones")
                .isPositive();
    }

    @Test
    void analyze_noCompleteHigherBarYet_throwsUnableToCalculate() {
        BarSeries trading = RandomBars.series(2, 30, Timeframe.H1);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(trading, Timeframe.H4));
        assertThatThrownBy(() -> MultiTimeframe.analyze(h, t, 5, MtfParams.defaults()))
                .isInstanceOf(UnableToCalculateException.class)
                .hasMessageContaining("4h");
    }

    @Test
    void history_randomSeries_signalsAreConsistentAndAggregated() {
        BarSeries trading = RandomBars.series(99, 480, Timeframe.H1);
        DrummondAnalysis t = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(trading, Timeframe.H4));
        SignalParams sp = NoLookAheadTest.loose();
        var raw = Signals.raw(h, t, MtfParams.defaults(), sp, trading.size());
        var agg = Signals.aggregate(raw, 3600);
        assertThat(raw).isNotEmpty();
        assertThat(agg.size()).isLessThanOrEqualTo(raw.size());
        for (int k = 1; k < agg.size(); k++) {
            assertThat(agg.get(k - 1).rank()).isGreaterThanOrEqualTo(agg.get(k).rank());
        }
        for (Signal s : raw) {
            assertThat(s.confidence()).isBetween(0.0, 1.0);
            if (s.type().isEntry()) {
                int dir = s.type() == Signal.Type.LONG ? 1 : -1;
                double risk = dir * (s.entry() - s.stop());
                double reward = dir * (s.target() - s.entry());
                assertThat(risk).isPositive();
                // [C] §7: 2R unless the next opposing zone capped it, and never below 1.5R
                if (s.reasons().targetCapped()) {
                    assertThat(reward).isBetween(1.5 * risk - 1e-9, 2 * risk);
                } else {
                    assertThat(reward).isCloseTo(2 * risk, within(1e-9));
                }
            } else {
                assertThat(s.entry()).isEqualTo(t.pldot()[s.bar()]);
            }
        }
    }
}
