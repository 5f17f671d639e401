package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.calc.UnableToCalculateException;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class AnalyzerContractTest {

    @Test
    void analyze_twoBars_throwsClearError() {
        BarSeries s = new BarSeries("TWO", Timeframe.D1);
        s.append(0, 1, 2, 0.5, 1, 1);
        s.append(86400, 1, 2, 0.5, 1, 1);
        assertThatThrownBy(() -> DrummondAnalyzer.analyze(s))
                .isInstanceOf(UnableToCalculateException.class)
                .hasMessageContaining("at least 3 bars, got 2")
                .satisfies(e -> {
                    assertThat(((UnableToCalculateException) e).symbol()).isEqualTo("TWO");
                    assertThat(((UnableToCalculateException) e).timeframe()).isEqualTo(Timeframe.D1);
                });
    }

    @Test
    void analyze_threeBars_hasOnePldotRow() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(Golden.bars().head(3));
        assertThat(a.pldot()[2]).isFinite();
        assertThat(a.states().state()[2]).isEqualTo(MarketState.CONGESTION_ACTION.ordinal());
    }

    @Test
    void analyze_laterAppendToSource_doesNotChangeBatchResult() {
        BarSeries s = Golden.bars().head(10);
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        s.append(s.ts()[9] + 3600, 100, 200, 50, 150, 1);
        assertThat(a.size()).isEqualTo(10);
    }
}
