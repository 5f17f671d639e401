package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/ingest/fill-gaps}: the gap fill of {@code dgas ingest api --fill-gaps} over HTTP, against a
 * market-data API on loopback: one request for the one missing trading day, none left after; the admin token needed.
 */
class FillGapsApiIT {
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer SOURCE = source();

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(
            Map.of("api.base_url", "http://127.0.0.1:" + SOURCE.getAddress().getPort(), "api.key", "k-1"));

    private static HttpServer source() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", ex -> {
                SEEN.add(ex.getRequestURI().toString());
                byte[] b = "[{\"date\":\"2024-07-10\",\"open\":10,\"high\":11,\"low\":9,\"close\":10.25,\"volume\":5}]"
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(b);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void seed() {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (String day : List.of("01", "02", "03", "05", "08", "09", "11", "12")) {
            csv.append("2024-07-").append(day).append("T00:00:00Z,FILA,1d,10,11,9,10.5,1\n");
        }
        api.ctx
                .ingest()
                .bars(
                        "fila.csv",
                        csv.toString(),
                        api.ctx.ingest().options(ZoneOffset.UTC).withCreateSymbols(true));
    }

    @AfterAll
    static void stopSource() {
        SOURCE.stop(0);
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
        assertThat(SEEN)
                .singleElement()
                .isEqualTo("/api/eod/FILA.US?api_token=k-1&fmt=json&period=d&from=2024-07-10&to=2024-07-10");
        assertThat(api.json("/api/v1/bars/FILA/gaps?interval=1d", 200)
                        .get("missing")
                        .asLong())
                .isZero();
    }
}
