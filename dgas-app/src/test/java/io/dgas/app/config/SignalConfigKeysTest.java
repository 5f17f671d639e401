package io.dgas.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.cli.SignalOptions;
import io.dgas.calc.drummond.SignalParams;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** [C] The {@code signals.*} keys of drummond.md §7: defaults, overrides, and bad values refused with the range. */
class SignalConfigKeysTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env) {
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("DGAS_HOME", dir.resolve("home").toString());
        return new ConfigLoader(withHome, dir).load(null, Map.of(), Map.of());
    }

    @Test
    void params_nothingSet_areTheSpecDefaults() {
        SignalParams p = new SignalOptions().params(load(Map.of()));

        assertThat(p).isEqualTo(SignalParams.defaults());
        assertThat(p.entryReachAtr()).isEqualTo(2.0);
        assertThat(p.minRewardRisk()).isEqualTo(1.5);
        assertThat(p.expiryBars()).isEqualTo(5);
        assertThat(p.minCalibrated()).isEqualTo(30);
    }

    @Test
    void params_keysSet_areRead() {
        SignalParams p = new SignalOptions()
                .params(load(Map.of(
                        "DGAS_SIGNALS_ENTRY_REACH_ATR", "1.25",
                        "DGAS_SIGNALS_MIN_REWARD_RISK", "2",
                        "DGAS_SIGNALS_EXPIRY_BARS", "3",
                        "DGAS_SIGNALS_MIN_CALIBRATED", "50")));

        assertThat(p.entryReachAtr()).isEqualTo(1.25);
        assertThat(p.minRewardRisk()).isEqualTo(2.0);
        assertThat(p.expiryBars()).isEqualTo(3);
        assertThat(p.minCalibrated()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DGAS_SIGNALS_ENTRY_REACH_ATR|0|signals.entry_reach_atr|a number > 0 and at most 100 (e.g. 1.5)",
                "DGAS_SIGNALS_ENTRY_REACH_ATR|101|signals.entry_reach_atr|a number > 0 and at most 100 (e.g. 1.5)",
                "DGAS_SIGNALS_MIN_REWARD_RISK|-1|signals.min_reward_risk|a number > 0 and at most 100 (e.g. 1.5)",
                "DGAS_SIGNALS_EXPIRY_BARS|0|signals.expiry_bars|an integer from 1 to 10000",
                "DGAS_SIGNALS_MIN_CALIBRATED|0|signals.min_calibrated|an integer from 1 to 1000000"
            })
    void load_badSignalKey_failsNamingKeyAndRange(String env, String value, String key, String accepted) {
        assertThatThrownBy(() -> load(Map.of(env, value)))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessage(
                        "invalid value '" + value + "' for key '" + key + "' (env " + env + "); accepted: " + accepted);
    }
}
