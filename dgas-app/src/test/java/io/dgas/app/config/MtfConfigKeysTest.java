package io.dgas.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.AppContext;
import io.dgas.calc.drummond.MtfParams;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** [C] The {@code mtf.zone_lookback_bars} key of drummond.md §6: default, override, bad values refused with the range. */
class MtfConfigKeysTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env) {
        return TestConfigs.load(dir, env);
    }

    @Test
    void mtfParams_nothingSet_areTheDefaults() {
        MtfParams p = AppContext.mtfParams(load(Map.of()));

        assertThat(p).isEqualTo(MtfParams.defaults());
        assertThat(p.zoneLookbackBars()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 250, 1_000_000})
    void mtfParams_keySet_isRead(int bars) {
        MtfParams p = AppContext.mtfParams(load(Map.of("DGAS_MTF_ZONE_LOOKBACK_BARS", Integer.toString(bars))));

        assertThat(p).isEqualTo(MtfParams.defaults().withZoneLookbackBars(bars));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1000001", "ten"})
    void load_badZoneLookback_failsNamingKeyAndRange(String value) {
        assertThatThrownBy(() -> load(Map.of("DGAS_MTF_ZONE_LOOKBACK_BARS", value)))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessage("invalid value '" + value + "' for key 'mtf.zone_lookback_bars' (env"
                        + " DGAS_MTF_ZONE_LOOKBACK_BARS); accepted: an integer from 0 to 1000000");
    }
}
