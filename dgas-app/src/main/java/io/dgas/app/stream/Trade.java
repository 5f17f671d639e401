package io.dgas.app.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * One trade of the EODHD trade stream: {@code {"s":"BTC-USD","p":"42000.5","q":"0.01","t":1700000000000}} (crypto; a
 * US trade carries its size as {@code v}); prices and sizes may come as numbers or strings, {@code t} is epoch ms.
 *
 * @param symbol the stream's ticker, upper case
 * @param millis trade time, epoch milliseconds
 * @param price trade price
 * @param size traded quantity (0 when absent)
 */
public record Trade(String symbol, long millis, double price, double size) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The trade in {@code text}, or null for any other message (authorisation, status, heartbeat replies). */
    public static Trade parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.hasNonNull("s") || !n.hasNonNull("p") || !n.hasNonNull("t")) {
            return null;
        }
        JsonNode size = n.hasNonNull("q") ? n.get("q") : n.get("v");
        try {
            return new Trade(
                    n.get("s").asText().toUpperCase(Locale.ROOT),
                    n.get("t").asLong(),
                    Double.parseDouble(n.get("p").asText()),
                    size == null ? 0 : Double.parseDouble(size.asText()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
