package io.dgas.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgEventPublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void payload_small_isEventNameAndDataAsGiven() throws Exception {
        JsonNode p = JSON.readTree(
                PgEventPublisher.payload(new EventPublisher.Event("bars", Map.of("symbol", "AAPL", "rows", 3))));

        assertThat(p.get("event").asText()).isEqualTo("bars");
        assertThat(p.at("/data/symbol").asText()).isEqualTo("AAPL");
        assertThat(p.at("/data/rows").asInt()).isEqualTo(3);
    }

    @Test
    void payload_itemsOverTheLimit_keepsAsManyAsFitAndSaysTruncated() throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(Map.of("symbol", "SYMBOL" + i, "note", "x".repeat(40)));
        }

        String p = PgEventPublisher.payload(
                new EventPublisher.Event("signals", Map.of("run_id", 7, "count", 400, "items", items)));
        JsonNode n = JSON.readTree(p);

        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EventPublisher.MAX_PAYLOAD);
        assertThat(n.at("/data/truncated").asBoolean()).isTrue();
        assertThat(n.at("/data/count").asInt()).isEqualTo(400);
        assertThat(n.at("/data/items").size()).isBetween(1, 399);
        assertThat(n.at("/data/items/0/symbol").asText()).isEqualTo("SYMBOL0");
    }

    @Test
    void payload_overTheLimitWithoutItems_isDropped() {
        assertThat(PgEventPublisher.payload(
                        new EventPublisher.Event("alert", Map.of("message", "m".repeat(EventPublisher.MAX_PAYLOAD)))))
                .isNull();
    }
}
