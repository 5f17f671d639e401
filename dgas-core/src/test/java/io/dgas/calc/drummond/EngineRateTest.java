package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class EngineRateTest {

    @Test
    void measure_stepClock_reportsEveryPathFromTheClockAndTheSameEvents() {
        var series = RandomBars.series(5, 300, Timeframe.H1);
        long[] now = {0};
        // every reading advances the clock by 3 ns: each timed analysis spans exactly one step
        EngineRate.Figures f = EngineRate.measure(series, DrummondParams.defaults(), 2, 1, () -> now[0] += 3);

        assertThat(f.bars()).isEqualTo(300);
        assertThat(f.nsPerBar()).isEqualTo(3.0 / 300);
        assertThat(f.perBarMarksNsPerBar()).isEqualTo(3.0 / 300);
        assertThat(f.spanBoundNsPerBar()).isEqualTo(3.0 / 300);
        assertThat(f.speedup()).isEqualTo(1.0);
        assertThat(f.events())
                .isEqualTo(DrummondAnalyzer.analyze(series).patterns().size())
                .isPositive();
    }
}
