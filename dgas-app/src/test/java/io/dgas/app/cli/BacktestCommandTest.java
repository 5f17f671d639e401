package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BacktestCommandTest {

    @Test
    void summary_storedMetrics_oneLineOfPercentsAndTheSharpe() {
        String line = BacktestCommand.summary("{\"total_return\": 0.0155, \"buy_and_hold_return\": -0.02,"
                + " \"sharpe\": 1.234, \"max_drawdown\": 0.051, \"trades\": 7}");

        assertThat(line).isEqualTo("return 1.55% (buy and hold -2.00%), Sharpe 1.23, max drawdown 5.10%, 7 trades");
    }

    @Test
    void summary_figuresWithoutMeaningStoredAsNaN_printedAsADash() {
        String line = BacktestCommand.summary(
                "{\"total_return\": 0.0, \"sharpe\": \"NaN\", \"max_drawdown\": 0.0, \"trades\": 0}");

        assertThat(line).isEqualTo("return 0.00%, Sharpe -, max drawdown 0.00%, 0 trades");
    }
}
