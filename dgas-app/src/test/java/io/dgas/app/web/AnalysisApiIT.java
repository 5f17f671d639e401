package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.domain.Timeframe;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/analysis/{symbol}}: overlays per bar, zones, the latest state, its 400 and 404, its caches. */
class AnalysisApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "ANLX", Timeframe.H1, 120, 100);
        MarketSeed.wave(api.ctx, "ANLY", Timeframe.H1, 60, 50);
        MarketSeed.wave(api.ctx, "ANLD", Timeframe.D1, 80, 40);
        MarketSeed.wave(api.ctx, "ANLW", Timeframe.W1, 70, 20);
        MarketSeed.storedLong(api.ctx, "ANLY", Timeframe.H1, "2025-01-08T06:00:00Z");
        api.ctx.cache().clear(null);
    }

    @Test
    void analysis_noIntervalForADailySymbol_analysesItsDailyBars() throws Exception {
        JsonNode own = api.json("/api/v1/analysis/ANLD?last=60", 200);
        JsonNode asked = api.json("/api/v1/analysis/ANLD?interval=1h", 200);

        // the default 1h found no bars: an empty analysis with "only 0 1h bars"
        assertThat(own.get("interval").asText()).isEqualTo("1d");
        assertThat(own.get("htf").asText()).isEqualTo("1w");
        assertThat(own.get("bars")).hasSize(60);
        // an interval given is kept
        assertThat(asked.get("interval").asText()).isEqualTo("1h");
        assertThat(asked.get("bars")).isEmpty();
        assertThat(api.json("/api/v1/analysis/ANLX?last=50", 200)
                        .get("interval")
                        .asText())
                .isEqualTo("1h");
    }

    @Test
    void analysis_weeklyBars_analysedAloneWithoutAHigherTimeframeOrComputedSignal() throws Exception {
        JsonNode asked = api.json("/api/v1/analysis/ANLW?interval=1w&last=60", 200);
        JsonNode own = api.json("/api/v1/analysis/ANLW?last=60", 200);

        assertThat(asked.get("interval").asText()).isEqualTo("1w");
        assertThat(asked.get("htf").isNull()).as("no timeframe pairs over 1w").isTrue();
        assertThat(asked.get("bars")).hasSize(60);
        assertThat(asked.at("/bars/59/pldot").isNumber()).isTrue();
        assertThat(asked.get("zones")).isNotEmpty();
        assertThat(asked.get("confluence")).isEmpty();
        assertThat(asked.get("signal").isNull()).isTrue();
        assertThat(asked.at("/latest/state").asText())
                .isEqualTo(asked.at("/bars/59/state").asText());
        assertThat(asked.at("/latest/note").asText())
                .isEqualTo("1w bars analysed alone: no higher timeframe pairs over them, so no signal is computed");
        // a symbol of weekly bars alone, asked without an interval: its weekly bars, not an empty 1h answer
        assertThat(own).isEqualTo(asked);
        // a higher timeframe asked for over 1w is still refused, naming it
        JsonNode refused = api.json("/api/v1/analysis/ANLW?interval=1w&htf=1w", 400);
        assertThat(refused.get("parameter").asText()).isEqualTo("htf");
    }

    @Test
    void analysis_storedSignalOfTheTimeframeBehindManyOfAnother_isTheOneShown() throws Exception {
        MarketSeed.wave(api.ctx, "ANLS", Timeframe.H1, 80, 100);
        MarketSeed.wave(api.ctx, "ANLS", Timeframe.D1, 30, 100);
        MarketSeed.storedLong(api.ctx, "ANLS", Timeframe.D1, "2025-01-06T00:00:00Z");
        for (int h = 1; h <= 60; h++) {
            MarketSeed.storedLong(
                    api.ctx,
                    "ANLS",
                    Timeframe.H1,
                    String.format("2025-01-06T%02d:00:00Z", h % 24).replace("2025-01-06", "2025-01-0" + (6 + h / 24)));
        }
        api.ctx.cache().clear(null);

        JsonNode daily = api.json("/api/v1/analysis/ANLS?interval=1d&last=30", 200);

        // 60 hourly signals are newer than the daily one: the daily chart still shows its own
        assertThat(daily.at("/signal/source").asText()).isEqualTo("stored");
        assertThat(daily.at("/signal/ts").asLong())
                .isEqualTo(java.time.Instant.parse("2025-01-06T00:00:00Z").getEpochSecond());
        assertThat(api.json("/api/v1/signals?symbol=ANLS&timeframe=1d", 200).get("items"))
                .hasSize(1);
        assertThat(api.json("/api/v1/signals?symbol=ANLS&timeframe=1h&limit=1000", 200)
                        .get("items"))
                .hasSize(60);
        assertThat(api.json("/api/v1/signals?timeframe=2h", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("timeframe");
    }

    @Test
    void analysis_seededSymbol_barsWithPldotEnvelopeStateAndZones() throws Exception {
        JsonNode a = api.json("/api/v1/analysis/ANLX?interval=1h&last=100", 200);

        assertThat(a.get("symbol").asText()).isEqualTo("ANLX");
        assertThat(a.get("htf").asText()).isEqualTo("4h");
        JsonNode bars = a.get("bars");
        assertThat(bars).hasSize(100);
        JsonNode newest = bars.get(99);
        assertThat(newest.get("c").asDouble()).isPositive();
        assertThat(newest.get("h").asDouble())
                .isGreaterThanOrEqualTo(newest.get("l").asDouble());
        assertThat(newest.get("pldot").isNumber()).isTrue();
        assertThat(newest.get("upper").asDouble())
                .isGreaterThan(newest.get("lower").asDouble());
        assertThat(newest.get("state").asText()).isNotEmpty();
        assertThat(bars.get(0).get("pldot").isNull())
                .as("warm-up bar has no PLdot")
                .isTrue();
        assertThat(a.get("zones")).isNotEmpty().hasSizeLessThanOrEqualTo(8);
        JsonNode zone = a.get("zones").get(0);
        assertThat(zone.get("upper").asDouble())
                .isGreaterThanOrEqualTo(zone.get("lower").asDouble());
        assertThat(a.at("/latest/state").asText()).isEqualTo(newest.get("state").asText());
        assertThat(a.at("/latest/trend").asText()).isIn("up", "down", "neutral");
        assertThat(a.has("signal")).isTrue();
    }

    @Test
    void analysis_repeated_answeredFromTheCaches() throws Exception {
        api.json("/api/v1/analysis/ANLX?interval=1h&last=80&htf=1d", 200);
        long calcHits = api.ctx.profiler().snapshot("drummond").hits();
        long barHits = hits("market_data");
        long answerHits = hits("dashboard");

        JsonNode again = api.json("/api/v1/analysis/ANLX?interval=1h&last=80&htf=1d", 200);

        assertThat(again.get("htf").asText()).isEqualTo("1d");
        assertThat(hits("dashboard")).as("the answer from the query cache").isGreaterThan(answerHits);
        assertThat(hits("market_data")).as("so no bars read").isEqualTo(barHits);
        assertThat(api.ctx.profiler().snapshot("drummond").hits())
                .as("and nothing calculated")
                .isEqualTo(calcHits);
    }

    @Test
    void analysis_uncachedAnswerAfterAnIngest_barsAndAnalysisFromTheInnerCaches() throws Exception {
        api.json("/api/v1/analysis/ANLX?interval=1h&last=80&htf=1d", 200);
        api.ctx.cache().invalidate("analysis:*"); // as a write to another series of the symbol does
        long calcHits = api.ctx.profiler().snapshot("drummond").hits();
        long barHits = hits("market_data");

        api.json("/api/v1/analysis/ANLX?interval=1h&last=80&htf=1d", 200);

        assertThat(hits("market_data")).as("bars from the query cache").isGreaterThan(barHits);
        assertThat(api.ctx.profiler().snapshot("drummond").hits())
                .as("analysis from the calculation cache")
                .isGreaterThan(calcHits);
    }

    private static long hits(String region) {
        return api.ctx.cache().stats().stream()
                .filter(r -> r.region().equals(region))
                .mapToLong(r -> r.hits())
                .sum();
    }

    @Test
    void analysis_noSignalAtTheLatestBar_newestStoredSignalOfTheSeries() throws Exception {
        JsonNode a = api.json("/api/v1/analysis/ANLY?interval=1h&last=60", 200);

        JsonNode s = a.get("signal");
        assertThat(a.at("/latest/note").asText()).isEqualTo("no signal at the latest bar");
        assertThat(s.get("source").asText()).isEqualTo("stored");
        assertThat(s.get("ts").asLong())
                .isEqualTo(java.time.Instant.parse("2025-01-08T06:00:00Z").getEpochSecond());
        assertThat(s.get("confidence").asDouble()).isEqualTo(0.72);
        assertThat(s.get("stop").asDouble()).isLessThan(s.get("entry").asDouble());
        assertThat(s.get("target").asDouble()).isGreaterThan(s.get("entry").asDouble());
    }

    @Test
    void analysis_storedSignalBeforeTheBars_notShown() throws Exception {
        JsonNode a = api.json("/api/v1/analysis/ANLY?interval=1h&last=5", 200);

        assertThat(a.at("/latest/note").asText()).isEqualTo("only 2 complete 4h bars (at least 3 needed)");
        assertThat(a.get("signal").isNull()).isTrue();
    }

    @Test
    void analysis_unknownSymbol_404() throws Exception {
        JsonNode e = api.json("/api/v1/analysis/NOPE?interval=1h", 404);

        assertThat(e.toString()).contains("NOPE");
    }

    @Test
    void analysis_badInterval_400NamingTheParameter() throws Exception {
        JsonNode e = api.json("/api/v1/analysis/ANLX?interval=7h", 400);

        assertThat(e.toString()).contains("interval").contains("7h");
    }

    @Test
    void analysis_badHtf_400NamingTheParameter() throws Exception {
        JsonNode e = api.json("/api/v1/analysis/ANLX?htf=2h", 400);

        assertThat(e.toString()).contains("htf").contains("2h");
    }
}
