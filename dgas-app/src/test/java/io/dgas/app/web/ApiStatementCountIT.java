package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The list endpoints issue a fixed number of statements however many rows they return (no query per symbol or per
 * row), and so do the market page's requests. Caches are off, so every request reaches the database; statements are counted by the query monitor.
 */
class ApiStatementCountIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.CACHE_ENABLED, "false"));

    private static final List<String> LISTS = List.of(
            "/api/v1/symbols?limit=1000",
            "/api/v1/symbols?q=B&limit=1000",
            "/api/v1/signals?limit=1000",
            "/api/v1/signals?min_confidence=0.1&direction=long&limit=1000",
            "/api/v1/runs?limit=500");

    @Test
    void lists_fewOrManyRows_sameStatementCount() throws Exception {
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "A", 3);
        long[] few = new long[LISTS.size()];
        for (int i = 0; i < LISTS.size(); i++) {
            few[i] = api.statementsOf(LISTS.get(i));
        }
        ApiSeed.symbolsRunsSignals(api.ctx.database(), "B", 60);

        for (int i = 0; i < LISTS.size(); i++) {
            String path = LISTS.get(i);
            assertThat(api.json(path, 200).get("items").size()).as(path).isGreaterThan(3);
            assertThat(api.statementsOf(path)).as(path).isEqualTo(few[i]).isEqualTo(1);
        }
    }

    @Test
    void marketPage_cachesOff_fixedStatementsPerRequest() throws Exception {
        MarketSeed.wave(api.ctx, "MKT", Timeframe.H1, 240, 100);
        MarketSeed.wave(api.ctx, "MKT", Timeframe.H4, 60, 100);

        // the 1h and the 4h bars, then the calibration table (a computed signal) or the newest stored signal
        assertThat(api.statementsOf("/api/v1/analysis/MKT?interval=1h&last=200"))
                .isEqualTo(3);
        assertThat(api.statementsOf("/api/v1/bars/MKT?interval=1h&last=200")).isEqualTo(1);
        // an empty page also asks whether the symbol exists (a typo is a 404, not an empty list)
        assertThat(api.statementsOf("/api/v1/signals?symbol=MKT&limit=20")).isEqualTo(2);
    }
}
