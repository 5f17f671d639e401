package io.dgas.store.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping between the tickers dgas stores and streams ({@code BTC-USD}, {@code AAPL}) and the tickers of the
 * EODHD REST API, which name the exchange ({@code BTC-USD.CC}, {@code AAPL.US}). The trade stream speaks the short form;
 * the REST bars and tick history ({@code dgas ingest api}, the collect stage, the stream's gap fill) need the long one.
 *
 * <p>A ticker that already names an exchange (a dot) is used as is. Otherwise the symbol's stored asset class
 * ({@code symbols.asset_class}) names the exchange: {@code crypto} {@code .CC}, {@code forex} {@code .FOREX},
 * {@code index} {@code .INDX}, every other class (stock, etf, …) {@code .US}. The ticker's shape is never consulted:
 * {@code BRK-B} is a stock and {@code BTCUSD} a crypto pair only because the symbols table says so. EODHD names a
 * crypto pair with a dash ({@code BTC-USD.CC}; its stream {@code BTC-USD}), so a crypto ticker stored without one
 * ({@code BTCUSD}, the common exchange spelling) is split before its quote currency ({@link #QUOTES}).
 */
public final class EodhdTickers {
    private static final Map<String, String> EXCHANGE_BY_CLASS =
            Map.of("crypto", ".CC", "forex", ".FOREX", "index", ".INDX");

    /** The exchanges whose tickers the trade streams name without them. */
    private static final List<String> STREAMED_EXCHANGES = List.of(".CC", ".US", ".FOREX");

    /** Quote currencies of crypto pairs written without a dash, longest first where one ends another. */
    private static final List<String> QUOTES =
            List.of("USDT", "USDC", "BUSD", "USD", "EUR", "GBP", "JPY", "BTC", "ETH");

    private EodhdTickers() {}

    /** The REST ticker of stored or streamed {@code ticker} whose symbol has asset class {@code assetClass}. */
    public static String rest(String ticker, String assetClass) {
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        if (t.indexOf('.') >= 0) {
            return t;
        }
        String c = assetClass(assetClass);
        return ("crypto".equals(c) ? pair(t) : t) + EXCHANGE_BY_CLASS.getOrDefault(c, ".US");
    }

    /** The stream's ticker of stored {@code ticker} with asset class {@code assetClass}: {@code BTCUSD} → {@code BTC-USD}. */
    public static String streamName(String ticker, String assetClass) {
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        if (t.indexOf('.') >= 0) {
            return stream(t);
        }
        return "crypto".equals(assetClass(assetClass)) ? pair(t) : t;
    }

    /** An asset class as the exchange map keys it: trimmed, lower case, "" for none. */
    private static String assetClass(String assetClass) {
        return assetClass == null ? "" : assetClass.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code BTCUSD} → {@code BTC-USD}: a dashless pair split before a known quote, leaving a base of 2+ letters. */
    private static String pair(String t) {
        if (t.indexOf('-') >= 0) {
            return t;
        }
        for (String q : QUOTES) {
            if (t.endsWith(q) && t.length() - q.length() >= 2) {
                return t.substring(0, t.length() - q.length()) + '-' + q;
            }
        }
        return t;
    }

    /**
     * The asset class a REST ticker's exchange implies ({@code .CC} crypto, {@code .FOREX} forex, {@code .INDX}
     * index), for a symbol created under that name; empty for any other (a stock exchange says nothing of stock or
     * ETF).
     */
    public static Optional<String> impliedClass(String restTicker) {
        String t = restTicker.trim().toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> e : EXCHANGE_BY_CLASS.entrySet()) {
            if (t.endsWith(e.getValue())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The streamed ticker of REST {@code ticker}: without its {@code .CC}, {@code .US} or {@code .FOREX} exchange (the
     * exchanges of EODHD's crypto, US and forex feeds).
     */
    public static String stream(String ticker) {
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        for (String exchange : STREAMED_EXCHANGES) {
            if (t.endsWith(exchange)) {
                return t.substring(0, t.length() - exchange.length());
            }
        }
        return t;
    }
}
