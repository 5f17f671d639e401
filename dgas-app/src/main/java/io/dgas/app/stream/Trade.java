package io.dgas.app.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * One trade of an EODHD trade stream: {@code {"s":"BTC-USD","p":"42000.5","q":"0.01","t":1700000000000}} (crypto; a
 * US trade carries its size as {@code v}), or one quote of the forex stream, {@code
 * {"s":"EURUSD","a":1.0835,"b":1.0833,"t":1700000000000}} (ask and bid, no trade: its price is the mid-quote, its size
 * 0, and the quote is kept); prices and sizes may come as numbers or strings, {@code t} is epoch ms.
 *
 * @param symbol the stream's ticker, upper case
 * @param millis trade time, epoch milliseconds
 * @param price trade price (a quote's mid)
 * @param size traded quantity (0 when absent)
 * @param bid best bid of a quote, NaN for a trade
 * @param ask best ask of a quote, NaN for a trade
 */
public record Trade(String symbol, long millis, double price, double size, double bid, double ask) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trade without a quote. */
    public Trade(String symbol, long millis, double price, double size) {
        this(symbol, millis, price, size, Double.NaN, Double.NaN);
    }

    /** Whether this is a quote (bid and ask) rather than a trade. */
    public boolean quoted() {
        return !Double.isNaN(bid);
    }

    /** This trade under {@code symbol}. */
    public Trade as(String symbol) {
        return new Trade(symbol, millis, price, size, bid, ask);
    }

    /** The trade or quote in {@code text}, or null for any other message (authorisation, status, heartbeat replies). */
    public static Trade parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.hasNonNull("s") || !n.hasNonNull("t")) {
            return null;
        }
        String symbol = n.get("s").asText().toUpperCase(Locale.ROOT);
        long millis = n.get("t").asLong();
        try {
            if (n.hasNonNull("p")) {
                JsonNode size = n.hasNonNull("q") ? n.get("q") : n.get("v");
                return new Trade(
                        symbol,
                        millis,
                        Double.parseDouble(n.get("p").asText()),
                        size == null ? 0 : Double.parseDouble(size.asText()));
            }
            if (n.hasNonNull("a") && n.hasNonNull("b")) {
                double ask = Double.parseDouble(n.get("a").asText());
                double bid = Double.parseDouble(n.get("b").asText());
                return Double.isFinite(ask) && Double.isFinite(bid)
                        ? new Trade(symbol, millis, (bid + ask) / 2, 0, bid, ask)
                        : null;
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
