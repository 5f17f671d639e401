package io.dgas.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.events.EventPublisher.Event;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventsTest {
    private static final Instant START = Instant.parse("2025-03-03T10:00:00Z");

    private static Signal signal(int k, Signal.Type type) {
        return new Signal(
                "S" + k,
                k,
                START.getEpochSecond() + k * 3600L,
                type,
                10,
                9,
                12,
                0.7,
                0.5,
                0.6,
                Signal.Tier.HIGH,
                false);
    }

    private static RunRecord run(int signals) {
        return new RunRecord(
                42,
                START,
                START.plusNanos(1_234_567_891),
                Timeframe.H4,
                Timeframe.H1,
                RunStatus.SUCCESS,
                3,
                3,
                0,
                signals,
                1,
                2,
                3,
                0,
                6,
                Map.of(),
                List.of(),
                "test",
                Map.of(),
                Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Event e) {
        return (Map<String, Object>) e.data();
    }

    @Test
    void run_manySignals_runCountsAllAndSignalsListsTheFirst50() {
        List<Signal> signals = IntStream.range(0, 60)
                .mapToObj(k -> signal(k, Signal.Type.LONG))
                .toList();

        List<Event> events = Events.run(run(60), signals);

        assertThat(events).extracting(Event::name).containsExactly("run", "signals");
        assertThat(data(events.get(0)))
                .containsEntry("run_id", 42L)
                .containsEntry("status", "success")
                .containsEntry("signals", 60)
                .containsEntry("finished_at", "2025-03-03T10:00:01.234567Z");
        assertThat(data(events.get(1))).containsEntry("count", 60);
        assertThat((List<?>) events.get(1).data().get("items")).hasSize(Events.MAX_SIGNAL_ITEMS);
    }

    @Test
    void run_signalDirection_longForLongEntriesAndExits() {
        List<Event> events = Events.run(
                run(3),
                List.of(
                        signal(1, Signal.Type.EXIT_LONG),
                        signal(2, Signal.Type.SHORT),
                        signal(3, Signal.Type.EXIT_SHORT)));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items =
                (List<Map<String, Object>>) events.get(1).data().get("items");
        assertThat(items).extracting(m -> m.get("direction")).containsExactly("long", "short", "short");
        assertThat(items.get(0))
                .containsEntry("symbol", "S1")
                .containsEntry("timeframe", "1h")
                .containsEntry("type", "exit_long")
                .containsEntry("ts", "2025-03-03T11:00:00Z");
    }
}
