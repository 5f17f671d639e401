package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShownTimeframesTest {
    @Test
    void shown_symbolWithTradingBars_onlyTheCyclePair() {
        assertThat(ShownTimeframes.shown(
                        List.of(Timeframe.M1, Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1, Timeframe.H4))
                .containsExactly(Timeframe.H1, Timeframe.H4);
    }

    @Test
    void shown_dailyBarsOnly_cyclePairAndItsOwnDailyWithWeekly() {
        assertThat(ShownTimeframes.shown(List.of(Timeframe.D1), Timeframe.H1, Timeframe.H4))
                .containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1, Timeframe.W1);
    }

    @Test
    void shown_unknownSymbol_onlyTheCyclePair() {
        assertThat(ShownTimeframes.shown(List.of(), Timeframe.H1, Timeframe.H4))
                .containsExactly(Timeframe.H1, Timeframe.H4);
    }
}
