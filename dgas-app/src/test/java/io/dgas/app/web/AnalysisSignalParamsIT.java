package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signal {@code GET /api/v1/analysis/{symbol}} computes at the latest bar is judged with the configured
 * {@code signals.*} keys, as a cycle judges it: the market page never shows a signal the cycle would not store.
 * Before, the API used the defaults whatever the configuration said.
 */
class AnalysisSignalParamsIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.EXPIRY_BARS, "8"));

    @BeforeAll
    static void seed() {
        // 141 bars of the seeded wave end on a long signal at the latest bar (with the defaults: expiry 5)
        MarketSeed.wave(api.ctx, "SIGP", Timeframe.H1, 141, 100);
        api.ctx.cache().clear(null);
    }

    @Test
    void analysis_configuredExpiryBars_computedSignalExpiresAfterThem() throws Exception {
        JsonNode s = api.json("/api/v1/analysis/SIGP?interval=1h&last=300", 200).get("signal");

        assertThat(s.get("source").asText()).isEqualTo("computed");
        assertThat(s.get("expiry_bars").asInt()).isEqualTo(8);
        // an entry may fill in the 8 trading bars after the signal's bar: it lapses at the end of the 8th
        Instant issued = Instant.ofEpochSecond(s.get("ts").asLong());
        assertThat(Instant.parse(s.get("expires_at").asText())).isEqualTo(issued.plus(Duration.ofHours(9)));
    }
}
