package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgas.app.Json;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSettingsTest {
    static SignalParams minRewardRisk(double v) throws Exception {
        ObjectNode n = Json.SNAKE.valueToTree(SignalParams.defaults());
        n.put("min_reward_risk", v);
        return Json.SNAKE.treeToValue(n, SignalParams.class);
    }

    @Test
    void line_defaults_saysDefaults() {
        assertThat(SignalSettings.line(SignalSettings.of(SignalParams.defaults(), MtfParams.defaults())))
                .isEqualTo("defaults");
    }

    @Test
    void line_changedParameters_namesEachWithItsValueSignalsFirst() throws Exception {
        Map<String, Object> s =
                SignalSettings.of(minRewardRisk(3), MtfParams.defaults().withZoneLookbackBars(50));

        assertThat(SignalSettings.line(s)).isEqualTo("min_reward_risk 3, zone_lookback_bars 50");
    }

    @Test
    void line_storedAndReadBackAsJson_sameLine() throws Exception {
        Map<String, Object> s = SignalSettings.of(minRewardRisk(2.5), MtfParams.defaults());
        @SuppressWarnings("unchecked")
        Map<String, Object> read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(s), Map.class);

        assertThat(SignalSettings.line(read)).isEqualTo("min_reward_risk 2.5");
    }

    @Test
    void line_nothingStored_saysNotRecorded() {
        assertThat(SignalSettings.line(Map.of())).isEqualTo("not recorded");
    }
}
