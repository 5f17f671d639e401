package io.dgas.app.alerts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.service.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSpecTest {
    private static RuleInput rule(String type, String condition, String timeframe) {
        return new RuleInput("r", type, "AAPL", List.of(), condition, 150.0, timeframe, null, null, null, null);
    }

    @Test
    void parse_valueOutsideAList_messageNamesTheAcceptedValues() {
        // the CLI prints the message alone: "unknown condition 'sideways'" left a user guessing
        assertThatThrownBy(() -> RuleSpec.parse(rule("threshold", "sideways", null)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown condition 'sideways' (accepted: above, below, crosses_above, crosses_below,"
                        + " at_least)");
        assertThatThrownBy(() -> RuleSpec.parse(rule("crossover", "above", null)))
                .hasMessage("condition above does not apply to crossover rules (accepted: crosses_above,"
                        + " crosses_below)");
        assertThatThrownBy(() -> RuleSpec.parse(rule("wild", null, null)))
                .hasMessageStartingWith("unknown rule type 'wild' (accepted: threshold, crossover,");
        assertThatThrownBy(() -> RuleSpec.parse(rule("threshold", null, "2h")))
                .hasMessageStartingWith("unknown timeframe '2h' (accepted: 1m, 5m,");
    }
}
