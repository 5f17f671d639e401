package io.dgas.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code ingest.*} bounds keys: defaults, and bad values refused naming the key and the accepted range. */
class IngestConfigKeysTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env) {
        Map<String, String> withHome = new HashMap<>(env);
        withHome.put("DGAS_HOME", dir.resolve("home").toString());
        return new ConfigLoader(withHome, dir).load(null, Map.of(), Map.of());
    }

    @Test
    void load_nothingSet_ingestBoundsHaveSaneDefaults() {
        DgasConfig c = load(Map.of());

        assertThat(c.date(ConfigKeys.INGEST_MIN_TIMESTAMP)).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(c.seconds(ConfigKeys.INGEST_MAX_FUTURE)).isEqualTo(86_400);
        assertThat(c.positive(ConfigKeys.INGEST_MIN_PRICE)).isEqualTo(1e-8);
        assertThat(c.positive(ConfigKeys.INGEST_MAX_PRICE)).isEqualTo(1e9);
        assertThat(c.intValue(ConfigKeys.INGEST_MAX_LINE)).isEqualTo(65_536);
    }

    @Test
    void load_validValues_areRead() {
        DgasConfig c = load(Map.of(
                "DGAS_INGEST_MIN_TIMESTAMP", "2000-01-01",
                "DGAS_INGEST_MAX_FUTURE", "7d",
                "DGAS_INGEST_MAX_PRICE", "2.5e6"));

        assertThat(c.date(ConfigKeys.INGEST_MIN_TIMESTAMP)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(c.seconds(ConfigKeys.INGEST_MAX_FUTURE)).isEqualTo(7 * 86_400);
        assertThat(c.positive(ConfigKeys.INGEST_MAX_PRICE)).isEqualTo(2.5e6);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DGAS_INGEST_MIN_TIMESTAMP|1970-13-01|ingest.min_timestamp|a date such as 1970-01-01",
                "DGAS_INGEST_MIN_PRICE|0|ingest.min_price|a finite number > 0 (e.g. 1e-8, 1000000000)",
                "DGAS_INGEST_MAX_PRICE|Infinity|ingest.max_price|a finite number > 0 (e.g. 1e-8, 1000000000)",
                "DGAS_INGEST_MAX_LINE_LENGTH|10|ingest.max_line_length|an integer from 256 to 67108864",
                "DGAS_INGEST_MAX_FUTURE|-1|ingest.max_future|a duration from 0 s to 31622400 s (e.g. 30, 30s, 5m, 1h)"
            })
    void load_badIngestBound_failsNamingKeyAndRange(String env, String value, String key, String accepted) {
        assertThatThrownBy(() -> load(Map.of(env, value)))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessage(
                        "invalid value '" + value + "' for key '" + key + "' (env " + env + "); accepted: " + accepted);
    }
}
