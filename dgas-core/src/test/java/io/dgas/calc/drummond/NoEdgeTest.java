package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * [C] The no-edge test (drummond.md §7): on zero-drift random walks nothing can be predicted, so the replay's
 * expectancy net of costs must not be significantly positive — its 95 % interval includes or lies below zero — over
 * 10,000 entry signals. The walks' bars are cut from the walk itself ({@link RandomBars#walk}), so a touched price is
 * one the walk went through. An apparent edge on noise would mean information from the future leaked into the signals,
 * their resolution or their probabilities. The calibration table must stay honest too: on noise the observed win rate
 * of every well-filled predicted bucket stays near what was predicted (no probability learned from the future).
 */
class NoEdgeTest {
    /** Round-trip cost in basis points of the entry. */
    private static final double COST_BPS = 5;

    @Test
    void replay_zeroDriftRandomWalks_expectancyNetOfCostsIsNotSignificantlyPositive() {
        List<SignalReplay.Trade> trades = new ArrayList<>();
        long seed = 0;
        while (trades.size() < 10_000) {
            seed++;
            BarSeries s = RandomBars.walk(1_000_000 + seed, 600, Timeframe.H1, 32);
            DrummondAnalysis t = DrummondAnalyzer.analyze(s);
            DrummondAnalysis h = DrummondAnalyzer.analyze(BarAggregator.complete(s, Timeframe.H4));
            trades.addAll(SignalReplay.trades(h, t, MtfParams.defaults(), SignalParams.defaults(), 86_400, COST_BPS));
        }
        EvaluationReport r = EvaluationReport.of(SignalReplay.calibrate(trades, 30));
        EvaluationReport.Group all = r.groups().get(0);

        assertThat(all.signals()).isGreaterThanOrEqualTo(10_000);
        assertThat(all.wins() + all.losses()).as("decided trades").isGreaterThan(2_000);
        assertThat(all.expectancyLow())
                .as(
                        "95 %% interval of the net expectancy [%f, %f] over %d walks",
                        all.expectancyLow(), all.expectancyHigh(), seed)
                .isLessThanOrEqualTo(0.0);
        assertThat(r.violations()).isZero();
        System.out.printf(
                "no-edge: %d signals over %d walks, fill %.3f, wins %d, losses %d, avg R %.4f, expectancy %.4f [%.4f,"
                        + " %.4f], Brier %.4f%n",
                all.signals(),
                seed,
                all.fillRate(),
                all.wins(),
                all.losses(),
                all.avgR(),
                all.expectancy(),
                all.expectancyLow(),
                all.expectancyHigh(),
                r.brier());
    }
}
