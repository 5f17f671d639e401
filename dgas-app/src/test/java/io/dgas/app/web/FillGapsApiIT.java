package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.collect.EodhdFixtureServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/ingest/fill-gaps}: the gap fill of {@code dgas ingest api --fill-gaps} over HTTP, against a
 * market-data API on loopback: one request for the one missing trading day, none left after; the admin token needed;
 * a symbol whose exchange has no calendar refuses the whole fill before any request.
 */
class FillGapsApiIT {
    private static final EodhdFixtureServer SOURCE = new EodhdFixtureServer()
            .on("/api/eod/FILA.US", EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(List.of("2024-07-10"))));

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of("api.base_url", SOURCE.baseUrl(), "api.key", "k-1"));

    @BeforeAll
    static void seed() {
        MarketSeed.flat(
                api.ctx,
                "FILA",
                io.dgas.domain.Timeframe.D1,
                MarketSeed.july(List.of("01", "02", "03", "05", "08", "09", "11", "12")));
        MarketSeed.flat(api.ctx, "FILK.KO", io.dgas.domain.Timeframe.D1, MarketSeed.july(List.of("01", "05")));
    }

    @AfterAll
    static void stopSource() {
        SOURCE.close();
    }

    @Test
    void fillGaps_oneMissingDay_oneRequestAndNoGapAfter() throws Exception {
        assertThat(api.post("/api/v1/ingest/fill-gaps?symbols=FILA&interval=1d", null, "text/plain", new byte[0])
                        .statusCode())
                .as("the admin token is needed")
                .isEqualTo(401);

        HttpResponse<String> r = api.post(
                "/api/v1/ingest/fill-gaps?symbols=fila&interval=1d", ApiClient.TOKEN, "text/plain", new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode fill = new ObjectMapper().readTree(r.body()).at("/fills/0");
        assertThat(fill.get("symbol").asText()).isEqualTo("FILA");
        assertThat(fill.get("missing_before").asLong()).isOne();
        assertThat(fill.get("requests").asInt()).isOne();
        assertThat(fill.get("rows").asLong()).isOne();
        assertThat(fill.get("gaps_after").asLong()).isZero();
        assertThat(SOURCE.requests())
                .singleElement()
                .isEqualTo("/api/eod/FILA.US?api_token=k-1&fmt=json&period=d&from=2024-07-10&to=2024-07-10");
        assertThat(api.json("/api/v1/bars/FILA/gaps?interval=1d", 200)
                        .get("missing")
                        .asLong())
                .isZero();
    }

    @Test
    void fillGaps_aSymbolOfAnExchangeWithoutACalendar_400BeforeAnyRequest() throws Exception {
        int asked = SOURCE.requests().size();

        HttpResponse<String> r = api.post(
                "/api/v1/ingest/fill-gaps?symbols=FILA,FILK.KO&interval=1d",
                ApiClient.TOKEN,
                "text/plain",
                new byte[0]);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode e = new ObjectMapper().readTree(r.body());
        assertThat(e.get("parameter").asText()).isEqualTo("symbol");
        assertThat(e.get("value").asText()).isEqualTo("FILK.KO");
        assertThat(SOURCE.requests()).as("nothing fetched, FILA's gap neither").hasSize(asked);
    }
}
