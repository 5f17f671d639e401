package io.dgas.app.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.app.config.UnableToConfigureException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code collect.*} keys: defaults, fail-fast validation, and the token kept secret. */
class CollectSettingsTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env) {
        return TestConfigs.load(dir, env);
    }

    @Test
    void from_nothingSet_isTheNullSourceThatServesNoTimeframe() {
        CollectSettings s = CollectSettings.from(load(Map.of()));

        assertThat(s.source()).isEqualTo("none");
        assertThat(s.perMinute()).isEqualTo(60);
        assertThat(s.overlapBars()).isEqualTo(2);
        assertThat(s.maxBackfill()).isEqualTo(Duration.ofDays(90));
        assertThat(s.source(Clock.systemUTC(), d -> {}).timeframes()).isEmpty();
    }

    @Test
    void from_eodhdWithoutToken_failsNamingTheTokenKey() {
        assertThatThrownBy(() -> CollectSettings.from(load(Map.of("DGAS_COLLECT_SOURCE", "eodhd"))))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("collect.api_token");
    }

    @Test
    void load_unknownSource_failsNamingKeyAndChoices() {
        assertThatThrownBy(() -> load(Map.of("DGAS_COLLECT_SOURCE", "yahoo")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("collect.source")
                .hasMessageContaining("one of eodhd, none");
    }

    @Test
    void load_rateOutOfRange_failsNamingKeyAndRange() {
        assertThatThrownBy(() -> load(Map.of("DGAS_COLLECT_REQUESTS_PER_MINUTE", "0")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("collect.requests_per_minute")
                .hasMessageContaining("an integer from 1 to 100000");
    }

    @Test
    void from_eodhdWithToken_servesIntradayAndDailyAndNeverShowsTheToken() {
        CollectSettings s = CollectSettings.from(load(Map.of(
                "DGAS_COLLECT_SOURCE", "EODHD",
                "DGAS_COLLECT_API_TOKEN", "tok-123456",
                "DGAS_COLLECT_BASE_URL", "http://127.0.0.1:9")));

        assertThat(s.source()).isEqualTo("eodhd");
        assertThat(s.token()).isEqualTo("tok-123456");
        assertThat(s.toString()).doesNotContain("tok-123456");
        assertThat(ConfigKeys.find(ConfigKeys.COLLECT_API_TOKEN).printable("tok-123456"))
                .doesNotContain("tok-123456");
        assertThat(s.source(Clock.systemUTC(), d -> {}).timeframes()).hasSize(4);
    }
}
