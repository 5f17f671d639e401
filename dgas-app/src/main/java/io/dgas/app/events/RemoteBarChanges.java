package io.dgas.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.IngestListener;
import java.io.IOException;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Hands the {@code bars} events heard from the database (any process's ingest, rollup, delete or restore) to an
 * ingest listener, so warm state in this process learns of corrections made elsewhere: a change with a known start
 * ({@code from_ts}) is {@link IngestListener#barsChanged}, one without a start {@link IngestListener#seriesChanged}.
 * A change this process made itself arrives twice (directly and here), which a listener takes as the same news. Ticks
 * ({@code timeframe: ticks}) and timeframes this version does not know are ignored.
 */
public final class RemoteBarChanges implements BiConsumer<String, String> {
    private final Supplier<? extends IngestListener> listeners;

    public RemoteBarChanges(IngestListener listener) {
        this(() -> listener);
    }

    /** Over a listener looked up at each event (one that needs the database is built only when news arrives). */
    public RemoteBarChanges(Supplier<? extends IngestListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void accept(String name, String json) {
        if (!"bars".equals(name)) {
            return;
        }
        JsonNode d;
        Timeframe tf;
        try {
            d = Json.MAPPER.readTree(json);
            tf = Timeframe.parse(d.path("timeframe").asText());
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        IngestListener listener = listeners.get();
        String symbol = d.path("symbol").asText();
        String from = d.path("from_ts").isTextual() ? d.path("from_ts").asText() : null;
        if (from == null) {
            listener.seriesChanged(symbol, tf);
        } else {
            try {
                listener.barsChanged(symbol, tf, Instant.parse(from).getEpochSecond());
            } catch (java.time.format.DateTimeParseException e) {
                listener.seriesChanged(symbol, tf);
            }
        }
    }
}
