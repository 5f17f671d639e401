package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.domain.Timeframe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** [C] {@code GET /api/v1/signals} carries each signal's reasons (text and structure), probability and expiry. */
class SignalReasonsApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static CycleResult run;

    @BeforeAll
    static void start() {
        MarketSeed.syntheticUniverse(api.ctx, 40, 400);
        run = api.ctx.cycle(r -> r).run(new CycleRequest(null, Timeframe.H4, Timeframe.H1, 300, Duration.ofDays(3)));
        api.ctx.cache().clear(null);
    }

    @Test
    void signals_afterACycle_carryReasonsProbabilityAndExpiry() throws Exception {
        JsonNode page = api.json("/api/v1/signals?limit=100", 200);
        JsonNode items = page.has("items") ? page.get("items") : page;

        assertThat(run.signals()).as("the cycle stored signals").isNotEmpty();
        int entries = 0;
        for (JsonNode s : items) {
            if (!s.get("type").asText().equals("long")
                    && !s.get("type").asText().equals("short")) {
                continue;
            }
            entries++;
            JsonNode r = s.get("reasons");
            assertThat(r.isObject()).as(s.toString()).isTrue();
            assertThat(r.get("text").asText())
                    .startsWith(s.get("type").asText().toUpperCase() + " "
                            + s.get("symbol").asText() + " 1h: HTF 4h");
            assertThat(r.at("/zone/role").asText())
                    .isIn(s.get("type").asText().equals("long") ? "support" : "resistance", "at price");
            assertThat(r.at("/htf/timeframe").asText()).isEqualTo("4h");
            assertThat(r.get("reward_risk").asDouble()).isGreaterThanOrEqualTo(1.5 - 1e-9);
            assertThat(s.get("expiry_bars").asInt()).isEqualTo(5);
            assertThat(Instant.parse(s.get("expires_at").asText()))
                    .isEqualTo(Instant.parse(s.get("ts").asText()).plus(Duration.ofHours(6)));
            assertThat(s.get("win_probability").isNull())
                    .as("no outcome decided yet")
                    .isTrue();
            assertThat(s.get("calibration_decided").asInt()).isZero();
        }
        assertThat(entries).isPositive();
    }
}
