package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.calc.UnableToCalculateException;
import io.dgas.domain.FormingBar;
import io.dgas.domain.Timeframe;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Incremental updates (appends and forming-bar replacements) equal a batch run over the same bars. */
class IncrementalAnalyzerTest {

    @Test
    void randomAppendsAndReplacements_tenThousandOps_equalBatchPeriodicallyAndAtEnd() {
        SplittableRandom r = new SplittableRandom(20240101);
        IncrementalAnalyzer inc = new IncrementalAnalyzer("INC", Timeframe.M5, DrummondParams.defaults());
        long ts = RandomBars.START;
        double price = 100;
        int replacements = 0;
        int compared = 0;
        for (int op = 1; op <= 10_000; op++) {
            int n = inc.series().size();
            double[] b = RandomBars.next(r, price);
            if (n > 0 && r.nextInt(10) < 4) {
                inc.replaceLast(inc.series().ts()[n - 1], b[0], b[1], b[2], b[3], b[4]);
                replacements++;
            } else {
                inc.append(ts, b[0], b[1], b[2], b[3], b[4]);
                ts += 300;
                price = b[3];
            }
            if (op % 250 == 0 && inc.series().size() >= 3) {
                DrummondAnalysis batch = DrummondAnalyzer.analyze(inc.series());
                Same.analysis(inc.analysis(), batch, inc.series().size() - 1, "op " + op);
                compared++;
            }
        }
        DrummondAnalysis batch = DrummondAnalyzer.analyze(inc.series());
        Same.analysis(inc.analysis(), batch, inc.series().size() - 1, "final");
        assertThat(replacements).isGreaterThan(3000);
        assertThat(compared).isEqualTo(40);
        assertThat(inc.analysis().patterns().size()).isGreaterThan(100);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 3})
    void randomOps_terminationLookbackUnlimitedOrTiny_equalBatch(int lookback) {
        DrummondParams base = DrummondParams.defaults();
        DrummondParams p = new DrummondParams(
                base.displacement(),
                base.envelope(),
                base.slopeThreshold(),
                base.patterns().withTerminationLookbackBars(lookback),
                base.lineGap(),
                base.zoneRangeFactor(),
                base.zoneWidthFactor(),
                base.zoneMinTolerance());
        SplittableRandom r = new SplittableRandom(lookback + 5L);
        IncrementalAnalyzer inc = new IncrementalAnalyzer("LB", Timeframe.M1, p);
        long ts = RandomBars.START;
        double price = 50;
        for (int op = 0; op < 3000; op++) {
            double[] b = RandomBars.next(r, price);
            int n = inc.series().size();
            if (n > 0 && r.nextBoolean()) {
                inc.replaceLast(inc.series().ts()[n - 1], b[0], b[1], b[2], b[3], b[4]);
            } else {
                inc.append(ts, b[0], b[1], b[2], b[3], b[4]);
                ts += 60;
                price = b[3];
            }
        }
        Same.analysis(
                inc.analysis(),
                DrummondAnalyzer.analyze(inc.series(), p),
                inc.series().size() - 1,
                "lb");
    }

    @Test
    void terminationLookback_seriesShorterThanWindow_equalsUnlimited() {
        DrummondParams base = DrummondParams.defaults();
        DrummondParams exact = new DrummondParams(
                base.displacement(),
                base.envelope(),
                base.slopeThreshold(),
                base.patterns().withTerminationLookbackBars(0),
                base.lineGap(),
                base.zoneRangeFactor(),
                base.zoneWidthFactor(),
                base.zoneMinTolerance());
        var s = RandomBars.series(8, 95, Timeframe.H1);
        Same.analysis(DrummondAnalyzer.analyze(s, exact), DrummondAnalyzer.analyze(s, base), 94, "window");
    }

    @Test
    void update_formingBarWithSameTimestamp_replacesInsteadOfAppending() {
        IncrementalAnalyzer inc = IncrementalAnalyzer.of(Golden.bars(), DrummondParams.defaults());
        long last = inc.series().ts()[19];
        inc.update(new FormingBar(last, last + 3600, 98.52, 99.5, 98.3, 99.4, 10));
        assertThat(inc.series().size()).isEqualTo(20);
        inc.update(new FormingBar(last + 3600, last + 7200, 99.4, 99.6, 99.0, 99.1, 10));
        assertThat(inc.series().size()).isEqualTo(21);
        Same.analysis(inc.analysis(), DrummondAnalyzer.analyze(inc.series()), 20, "forming");
    }

    @Test
    void analysis_fewerThanThreeBars_throwsWithSymbolAndTimeframe() {
        IncrementalAnalyzer inc = new IncrementalAnalyzer("TINY", Timeframe.H1, DrummondParams.defaults());
        inc.append(RandomBars.START, 1, 2, 0.5, 1.5, 10);
        inc.append(RandomBars.START + 3600, 1, 2, 0.5, 1.5, 10);
        assertThatThrownBy(inc::analysis)
                .isInstanceOf(UnableToCalculateException.class)
                .hasMessageContaining("at least 3 bars")
                .hasMessageContaining("TINY")
                .hasMessageContaining("1h");
    }
}
