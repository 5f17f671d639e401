package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.domain.Timeframe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/bars/{symbol}/export} and {@code GET /api/v1/ticks/{symbol}/export}: the CLI's exports over HTTP,
 * which the uploads take back unchanged.
 */
class ExportApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "EXA", Timeframe.H1, 30, 100);
        MarketSeed.wave(api.ctx, "EXA", Timeframe.H4, 10, 100);
        api.ctx
                .ingest()
                .ticks(
                        "ticks.csv",
                        TICKS,
                        api.ctx
                                .ingest()
                                .options(ZoneOffset.UTC)
                                .withCreateSymbols(true)
                                .withSymbol("TXA", null));
    }

    private static final String TICKS = "timestamp,price,size,bid,ask,bid_size,ask_size\n"
            + "2025-01-06T00:00:00.000250Z,100.25,3,100.2,100.3,10,12\n"
            + "2025-01-06T00:00:00.000250Z,100.3,1,,,,\n"
            + "2025-01-06T00:00:02Z,100.1,0.5,,100.15,,2\n";

    @Test
    void exportTicks_csvThatLoadsBackUnchanged_rangeAndUnknownSymbol() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/ticks/txa/export");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"TXA.csv\"");
        assertThat(r.body()).isEqualTo(TICKS);
        HttpResponse<String> back = api.post(
                "/api/v1/ingest/ticks?symbol=TXA",
                ApiClient.TOKEN,
                "text/csv",
                r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(new ObjectMapper()
                        .readTree(back.body())
                        .at("/reports/0/unchanged")
                        .asInt())
                .isEqualTo(3);

        assertThat(api.get("/api/v1/ticks/TXA/export?from=2025-01-06T00:00:01Z").body())
                .isEqualTo(
                        "timestamp,price,size,bid,ask,bid_size,ask_size\n2025-01-06T00:00:02Z,100.1,0.5,,100.15,,2\n");
        assertThat(api.json("/api/v1/ticks/TXA/export?interval=1h", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("interval");
        assertThat(api.get("/api/v1/ticks/NOPE/export").statusCode()).isEqualTo(404);
    }

    @Test
    void export_everyTimeframe_csvThatLoadsBackUnchanged() throws Exception {
        HttpResponse<String> r = api.get("/api/v1/bars/exa/export");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = r.body().split("\n");
        assertThat(lines[0]).isEqualTo("timestamp,symbol,interval,open,high,low,close,volume");
        assertThat(lines).hasSize(1 + 30 + 10);
        assertThat(lines[1]).contains(",EXA,1h,");
        assertThat(lines[40]).contains(",EXA,4h,");

        HttpResponse<String> back = api.post(
                "/api/v1/ingest/bars", ApiClient.TOKEN, "text/csv", r.body().getBytes(StandardCharsets.UTF_8));
        JsonNode report = new ObjectMapper().readTree(back.body()).at("/reports/0");
        assertThat(report.get("unchanged").asInt()).isEqualTo(40);
    }

    @Test
    void export_oneIntervalAndRange_onlyThose_badRangeAndUnknownSymbolRefused() throws Exception {
        String body = api.get("/api/v1/bars/EXA/export?interval=4h&from=2025-01-06T04:00:00Z&to=2025-01-06T12:00:00Z")
                .body();
        assertThat(body.split("\n")).hasSize(1 + 2);

        assertThat(api.json("/api/v1/bars/EXA/export?from=2025-01-07&to=2025-01-06", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("to");
        assertThat(api.get("/api/v1/bars/NOPE/export").statusCode()).isEqualTo(404);
    }
}
