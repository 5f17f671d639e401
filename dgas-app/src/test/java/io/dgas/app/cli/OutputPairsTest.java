package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Calibration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputPairsTest {
    @Test
    void pairs_outcomes_readAsLowerCaseNamesAndCounts() {
        Map<Calibration.Outcome, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put(Calibration.Outcome.PENDING, 31);
        outcomes.put(Calibration.Outcome.WIN, 4);
        outcomes.put(Calibration.Outcome.NOT_FILLED, 2);

        // monitor calibration printed Java's rendering, {PENDING=31, WIN=4, NOT_FILLED=2}
        assertThat(Output.pairs(outcomes)).isEqualTo("pending 31, win 4, not filled 2");
        assertThat(Output.pairs(Map.of())).isEqualTo("none");
    }
}
