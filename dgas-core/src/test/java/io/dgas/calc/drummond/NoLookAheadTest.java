package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No look-ahead: the outputs computed on bars[0..k] equal, bitwise, the full computation's outputs up to k — for every
 * single-timeframe output, the MTF analysis at k (HTF series = complete buckets at that time) and the signals with
 * their reasons.
 */
class NoLookAheadTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2024})
    void analysis_truncatedAtManyK_equalsFullAnalysisUpToK(long seed) {
        BarSeries full = RandomBars.series(seed, 300 + (int) (seed % 5) * 60, Timeframe.H1);
        DrummondAnalysis all = DrummondAnalyzer.analyze(full);
        for (int k = 2; k < full.size(); k += 1 + k / 40) {
            DrummondAnalysis part = DrummondAnalyzer.analyze(full.head(k + 1));
            Same.analysis(part, all, k, "seed " + seed + " k " + k);
        }
    }

    @Test
    void analysis_goldenBarsTruncatedAtEveryK_equalsFullAnalysisUpToK() {
        BarSeries full = Golden.bars();
        DrummondAnalysis all = DrummondAnalyzer.analyze(full);
        for (int k = 2; k < full.size(); k++) {
            Same.analysis(DrummondAnalyzer.analyze(full.head(k + 1)), all, k, "golden k " + k);
        }
    }

    @Test
    void mtf_goldenBarsTruncatedAtEveryK_equalsFullComputationAtK() {
        BarSeries full = Golden.bars();
        DrummondAnalysis trading = DrummondAnalyzer.analyze(full);
        DrummondAnalysis htf = DrummondAnalyzer.analyze(BarAggregator.complete(full, Timeframe.H4, Long.MAX_VALUE));
        int analysed = 0;
        for (int k = 2; k < full.size(); k++) {
            BarSeries head = full.head(k + 1);
            BarSeries htfHead = BarAggregator.complete(head, Timeframe.H4, head.ts()[k] + 3600);
            MtfAnalysis expected = MultiTimeframe.tryAnalyze(htf, trading, k, MtfParams.defaults(), null, null);
            if (htfHead.size() < 3) {
                assertThat(expected).as("no HTF state can exist yet at " + k).isNull();
                continue;
            }
            MtfAnalysis actual = MultiTimeframe.tryAnalyze(
                    DrummondAnalyzer.analyze(htfHead),
                    DrummondAnalyzer.analyze(head),
                    k,
                    MtfParams.defaults(),
                    null,
                    null);
            assertThat(actual == null).isEqualTo(expected == null);
            if (actual != null) {
                assertSameMtf(actual, expected, "golden k " + k);
                analysed++;
            }
        }
        assertThat(analysed).isEqualTo(9);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 11, 99})
    void mtfAndSignals_truncatedAtManyK_equalFullComputationAtK(long seed) {
        BarSeries full = RandomBars.series(seed, 480, Timeframe.H1);
        DrummondAnalysis trading = DrummondAnalyzer.analyze(full);
        DrummondAnalysis htf = DrummondAnalyzer.analyze(BarAggregator.complete(full, Timeframe.H4));
        MtfParams mp = MtfParams.defaults();
        SignalParams sp = loose();
        List<Signal> allSignals = Signals.raw(htf, trading, mp, sp, full.size());
        int analysed = 0;
        for (int k = 20; k < full.size(); k += 13) {
            BarSeries head = full.head(k + 1);
            // what exists once bar k has closed: buckets ending at or before its close are complete
            BarSeries htfHead = BarAggregator.complete(head, Timeframe.H4, head.ts()[k] + Timeframe.H1.seconds());
            if (htfHead.size() < 3) {
                continue;
            }
            DrummondAnalysis t = DrummondAnalyzer.analyze(head);
            DrummondAnalysis h = DrummondAnalyzer.analyze(htfHead);
            MtfAnalysis expected = MultiTimeframe.tryAnalyze(htf, trading, k, mp, null, null);
            MtfAnalysis actual = MultiTimeframe.tryAnalyze(h, t, k, mp, null, null);
            assertThat(actual == null).isEqualTo(expected == null);
            if (actual != null) {
                assertSameMtf(actual, expected, "seed " + seed + " k " + k);
                analysed++;
            }
            final int kk = k;
            List<Signal> truncated = Signals.raw(h, t, mp, sp, k + 1);
            List<Signal> expectedSignals =
                    allSignals.stream().filter(s -> s.bar() <= kk).collect(Collectors.toList());
            // record equality covers the reasons (zones, events, ATR, reach, reward:risk) and the expiry
            assertThat(truncated).as("signals up to " + k).isEqualTo(expectedSignals);
            assertThat(truncated).allSatisfy(s -> assertThat(s.reasons()).isNotNull());
            assertThat(truncated.stream().map(ReasonText::of).collect(Collectors.toList()))
                    .as("reason lines up to " + k)
                    .isEqualTo(expectedSignals.stream().map(ReasonText::of).collect(Collectors.toList()));
        }
        assertThat(analysed).isGreaterThan(20);
        assertThat(allSignals)
                .as("the property must be exercised by real signals")
                .isNotEmpty();
    }

    /** Gates relaxed so random data yields signals to compare. */
    static SignalParams loose() {
        return new SignalParams(0.3, 0.2, 1.5, 2.0, 1.0, 1, 14, 3600, 86_400, 2.0, 1.5, 5, 30);
    }

    static void assertSameMtf(MtfAnalysis a, MtfAnalysis b, String ctx) {
        assertThat(a.htfIndex()).as(ctx).isEqualTo(b.htfIndex());
        assertThat(a.zones()).as(ctx + " zones").isEqualTo(b.zones());
        assertThat(Arrays.equals(a.recentHtfPatterns(), b.recentHtfPatterns()))
                .as(ctx)
                .isTrue();
        assertThat(Arrays.equals(a.recentTradingPatterns(), b.recentTradingPatterns()))
                .as(ctx)
                .isTrue();
        MtfAnalysis bb = new MtfAnalysis(
                b.tradingIndex(),
                b.ts(),
                b.htfIndex(),
                b.htfTs(),
                b.htfState(),
                b.htfDirection(),
                b.htfConfidence(),
                b.htfStrength(),
                b.tradingState(),
                b.tradingDirection(),
                b.tradingConfidence(),
                b.alignment(),
                b.alignmentType(),
                b.tradePermitted(),
                b.overlayDistancePct(),
                b.overlayPosition(),
                a.zones(),
                a.recentHtfPatterns(),
                a.recentTradingPatterns(),
                b.patternConfluence(),
                b.signalStrength(),
                b.risk(),
                b.action());
        assertThat(a).as(ctx).isEqualTo(bb);
    }
}
