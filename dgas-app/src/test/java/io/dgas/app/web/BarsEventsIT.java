package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.bars.SoftDelete;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bars} events of every change to market data besides a bar ingest, each made on another connection (as another
 * process would) and read from a real {@code /api/v1/events} stream: tick ingest (timeframe {@code ticks}),
 * aggregation into bars, soft delete and restore. One event per changed series, and nothing more.
 */
class BarsEventsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static Database other;

    @BeforeAll
    static void start() {
        other = Database.open(DatabaseSettings.defaults(api.jdbcUrl(), null, null), (n, ns, r, f) -> {});
    }

    @AfterAll
    static void stop() {
        other.close();
    }

    /** A stream that has seen everything sent before it (a marker of its own passed through). */
    private static SseStream connect() throws Exception {
        SseStream s = new SseStream(api.server.port(), null);
        s.await(i -> i.isComment() && i.data().equals("connected"), WAIT);
        s.sync(text -> marker(text), WAIT);
        return s;
    }

    private static void marker(String text) {
        EventPublisher.postgres(other).publish(List.of(new EventPublisher.Event("marker", Map.of("text", text))));
    }

    private static JsonNode next(SseStream s) throws Exception {
        SseStream.Item i = s.nextEvent(WAIT);
        assertThat(i).as("an event within " + WAIT).isNotNull();
        return JSON.readTree("{\"event\": \"" + i.event() + "\", \"data\": " + i.data() + "}");
    }

    private static void assertBars(JsonNode e, String symbol, String timeframe, String newest, long rows) {
        assertThat(e.get("event").asText()).as(e.toString()).isEqualTo("bars");
        assertThat(e.at("/data/symbol").asText()).isEqualTo(symbol);
        assertThat(e.at("/data/timeframe").asText()).isEqualTo(timeframe);
        if (newest == null) {
            assertThat(e.at("/data/newest_ts").isNull()).as(e.toString()).isTrue();
        } else {
            assertThat(e.at("/data/newest_ts").asText()).isEqualTo(newest);
        }
        assertThat(e.at("/data/rows").asLong()).isEqualTo(rows);
    }

    private static void assertQuietUntilMarker(SseStream s, String text) throws Exception {
        marker(text);
        JsonNode e = next(s);
        assertThat(e.get("event").asText()).as("no further event: " + e).isEqualTo("marker");
        assertThat(e.at("/data/text").asText()).isEqualTo(text);
    }

    @Test
    void ticksAndAggregation_onAnotherConnection_announceTheTicksThenTheBarSeries() throws Exception {
        String ticks = "timestamp,price,size,bid,ask,bid_size,ask_size\n"
                + "2025-03-03T00:10:00Z,10,1,9.9,10.1,5,5\n"
                + "2025-03-03T00:50:00Z,11,2,10.9,11.1,5,5\n"
                + "2025-03-03T01:20:00Z,12,3,11.9,12.1,5,5\n";
        try (SseStream s = connect()) {
            new TickIngestor(other)
                    .ingest(
                            "evt.csv",
                            new StringReader(ticks),
                            null,
                            IngestOptions.defaults().withSymbol("EVT", null).withCreateSymbols(true));
            assertBars(next(s), "EVT", "ticks", "2025-03-03T01:20:00Z", 3);

            new BarRollup(other, IngestListener.NONE).fromTicks(List.of("EVT"), List.of(Timeframe.H1), false, null);
            // the complete hourly bucket (00:00, two ticks); the one at 01:00 is still forming
            assertBars(next(s), "EVT", "1h", "2025-03-03T00:00:00Z", 1);
            assertQuietUntilMarker(s, "after-aggregation");

            // the same aggregation again writes nothing, so announces nothing
            new BarRollup(other, IngestListener.NONE).fromTicks(List.of("EVT"), List.of(Timeframe.H1), false, null);
            assertQuietUntilMarker(s, "after-unchanged-aggregation");
        }
    }

    @Test
    void softDeleteAndRestore_onAnotherConnection_announceEachChangedSeries() throws Exception {
        String csv = "timestamp,symbol,interval,open,high,low,close,volume\n"
                + "2025-03-03T00:00:00Z,EVD,1h,10,12,9,11,100\n"
                + "2025-03-03T01:00:00Z,EVD,1h,10,12,9,11,100\n"
                + "2025-03-03T04:00:00Z,EVD,1h,10,12,9,11,100\n";
        new BarIngestor(other, IngestListener.NONE)
                .ingest(
                        "evd.csv",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        new BarRollup(other, IngestListener.NONE)
                .fromBars(List.of("EVD"), Timeframe.H1, List.of(Timeframe.H4), true, null);
        SoftDelete data = new SoftDelete(other, Clock.systemUTC(), IngestListener.NONE);
        try (SseStream s = connect()) {
            // the bar at 04:00 of every timeframe: one 1h bar and the second 4h bucket
            data.delete(new SoftDelete.Selection("EVD", null, java.time.Instant.parse("2025-03-03T02:00:00Z"), null));
            assertBars(next(s), "EVD", "1h", "2025-03-03T01:00:00Z", 1);
            assertBars(next(s), "EVD", "4h", "2025-03-03T00:00:00Z", 1);
            assertQuietUntilMarker(s, "after-delete");

            // deleting again changes nothing: no event
            data.delete(new SoftDelete.Selection("EVD", null, java.time.Instant.parse("2025-03-03T02:00:00Z"), null));
            assertQuietUntilMarker(s, "after-second-delete");

            data.restore(new SoftDelete.Selection("EVD", Timeframe.H1, null, null));
            assertBars(next(s), "EVD", "1h", "2025-03-03T04:00:00Z", 1);
            assertQuietUntilMarker(s, "after-restore");
        }
    }
}
