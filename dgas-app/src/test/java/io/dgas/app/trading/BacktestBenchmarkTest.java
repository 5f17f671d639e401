package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class BacktestBenchmarkTest {
    @Test
    void run_smallScenario_countsEveryBarStepAndTradesTheWalks() {
        BacktestBenchmark.Figures f = BacktestBenchmark.run("t", 3, 600, Timeframe.H1, Timeframe.H4);

        assertThat(f.barSteps()).isEqualTo(3 * 600);
        assertThat(f.fills()).as("the synthetic walks must produce trades").isPositive();
        assertThat(f.backtestStepsPerSecond()).isPositive();
        assertThat(f.ratio()).isCloseTo(f.backtestStepsPerSecond() / f.engineStepsPerSecond(), within(1e-9));
        assertThat(f.signalEngineStepsPerSecond()).isPositive();
        assertThat(f.signalEngineRatio())
                .isCloseTo(f.backtestStepsPerSecond() / f.signalEngineStepsPerSecond(), within(1e-9));
        assertThat(f.goalMet()).isEqualTo(f.ratio() >= 0.5);
    }
}
