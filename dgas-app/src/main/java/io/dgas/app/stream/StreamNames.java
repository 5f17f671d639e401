package io.dgas.app.stream;

import io.dgas.store.api.EodhdTickers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream's names of the stored tickers of one universe read: a crypto pair stored as {@code BTCUSD} is
 * {@code BTC-USD} on the trade stream ({@link EodhdTickers#streamName}), so the stream subscribes under the stream's
 * names and a trade is stored under the stored ticker it names.
 */
record StreamNames(
        Map<String, String> storedByStreamed,
        Map<String, String> streamedByStored,
        Map<String, String> classByStreamed) {
    static final StreamNames NONE = of(Map.of());

    /** The names of {@code universe} (stored ticker → asset class). */
    static StreamNames of(Map<String, String> universe) {
        Map<String, String> stored = new HashMap<>();
        Map<String, String> streamedNames = new HashMap<>();
        Map<String, String> classes = new HashMap<>();
        universe.forEach((ticker, assetClass) -> {
            String streamed = EodhdTickers.streamName(ticker, assetClass);
            stored.put(streamed, ticker);
            streamedNames.put(ticker, streamed);
            if (assetClass != null) {
                classes.put(streamed, assetClass);
            }
        });
        return new StreamNames(Map.copyOf(stored), Map.copyOf(streamedNames), Map.copyOf(classes));
    }

    /** The stream's names of stored {@code tickers} (a ticker this read does not know keeps its own). */
    List<String> streamed(List<String> tickers) {
        return tickers.stream().map(t -> streamedByStored.getOrDefault(t, t)).toList();
    }

    /** The stored ticker of streamed {@code name} (itself when unknown). */
    String stored(String name) {
        return storedByStreamed.getOrDefault(name, name);
    }

    /** The asset class of streamed {@code name}, or null when unknown. */
    String assetClass(String name) {
        return classByStreamed.get(name);
    }
}
