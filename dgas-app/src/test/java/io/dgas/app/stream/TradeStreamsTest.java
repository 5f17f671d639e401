package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect.stream}: off by default, and on without a token refused naming the key. */
class TradeStreamsTest {
    @TempDir
    Path dir;

    private DgasConfig load(Map<String, String> env) {
        return TestConfigs.load(dir, env);
    }

    @Test
    void start_streamOff_startsNothing() {
        assertThat(TradeStreams.start(
                        load(Map.of()),
                        null,
                        IngestListener.NONE,
                        IngestOptions.defaults(),
                        MarketHours.standard(),
                        Clock.systemUTC()))
                .isEmpty();
    }

    @Test
    void start_streamOnWithoutToken_failsNamingTheTokenKey() {
        DgasConfig c = load(Map.of("DGAS_COLLECT_STREAM", "true"));

        assertThatThrownBy(() -> TradeStreams.start(
                        c,
                        null,
                        IngestListener.NONE,
                        IngestOptions.defaults(),
                        MarketHours.standard(),
                        Clock.systemUTC()))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("collect.api_token");
    }
}
