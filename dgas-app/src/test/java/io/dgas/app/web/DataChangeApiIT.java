package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/data/delete|restore|purge}: what {@code dgas data delete|restore|purge} does, idempotent, with
 * the higher timeframes made again on request; the token; bad input a 400 or 404 naming the parameter, nothing
 * changed.
 */
class DataChangeApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2024-06-03T12:00:00Z");
    private static final String RANGE = "&from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z";

    @BeforeAll
    static void seed() {
        io.dgas.app.cycle.Seed.universe(api.ctx.database(), 1, 24 * 60, END, 3, true);
    }

    private static HttpResponse<String> post(String path, String token) throws Exception {
        return api.post(path, token, "text/plain", new byte[0]);
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = post(path, ApiClient.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static long active(String timeframe) {
        return api.ctx
                .database()
                .queryOne(
                        "test.active",
                        "SELECT count(*) FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = 'SYN0001'"
                                + " AND b.timeframe = ? AND b.deleted_at IS NULL",
                        ps -> ps.setString(1, timeframe),
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    @Test
    void deleteRestore_aDayOfHourlyBars_idempotentAndTheFourHourBarsMadeAgain() throws Exception {
        long hourly = active("1h");
        long fourHourly = active("4h");

        JsonNode deleted = ok("/api/v1/data/delete?symbol=syn0001&interval=1h&rebuild=4h" + RANGE);
        JsonNode again = ok("/api/v1/data/delete?symbol=SYN0001&interval=1h" + RANGE);

        assertThat(deleted.get("bars").asLong()).isEqualTo(24);
        assertThat(deleted.get("ticks").asLong()).isZero();
        assertThat(deleted.at("/rebuilt/0/timeframe").asText()).isEqualTo("4h");
        assertThat(deleted.at("/rebuilt/0/deleted").asLong())
                .as("six 4h buckets lost every 1h bar")
                .isEqualTo(6);
        assertThat(again.get("bars").asLong()).as("idempotent").isZero();
        assertThat(active("1h")).isEqualTo(hourly - 24);
        assertThat(active("4h")).isEqualTo(fourHourly - 6);

        JsonNode restored = ok("/api/v1/data/restore?symbol=SYN0001&interval=1h&rebuild=4h" + RANGE);

        assertThat(restored.get("bars").asLong()).isEqualTo(24);
        assertThat(restored.at("/rebuilt/0/written").asLong()).isEqualTo(6);
        assertThat(active("1h")).isEqualTo(hourly);
        assertThat(active("4h")).isEqualTo(fourHourly);
        assertThat(ok("/api/v1/data/purge?older_than_days=1").get("bars").asLong())
                .as("nothing was soft-deleted a day ago")
                .isZero();
    }

    @Test
    void badInputOrNoToken_refusedNamingTheParameterAndNothingChanged() throws Exception {
        long hourly = active("1h");

        HttpResponse<String> anonymous = post("/api/v1/data/delete?symbol=SYN0001" + RANGE, null);
        JsonNode backwards =
                JSON.readTree(post("/api/v1/data/delete?symbol=SYN0001&from=2024-05-02&to=2024-05-01", ApiClient.TOKEN)
                        .body());
        HttpResponse<String> unknown = post("/api/v1/data/delete?symbol=NOPE" + RANGE, ApiClient.TOKEN);
        JsonNode noInterval =
                JSON.readTree(post("/api/v1/data/delete?symbol=SYN0001&rebuild=4h" + RANGE, ApiClient.TOKEN)
                        .body());
        JsonNode finer =
                JSON.readTree(post("/api/v1/data/delete?symbol=SYN0001&interval=1h&rebuild=1m" + RANGE, ApiClient.TOKEN)
                        .body());
        JsonNode purge = JSON.readTree(
                post("/api/v1/data/purge?older_than_days=0", ApiClient.TOKEN).body());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(backwards.get("parameter").asText()).isEqualTo("to");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("parameter").asText()).isEqualTo("symbol");
        assertThat(noInterval.get("parameter").asText()).isEqualTo("rebuild");
        assertThat(finer.get("parameter").asText()).as(finer.toString()).isEqualTo("rebuild");
        assertThat(purge.get("parameter").asText()).isEqualTo("older_than_days");
        assertThat(active("1h")).isEqualTo(hourly);
    }
}
