package io.dgas.store.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one mapping between the tickers dgas stores and streams ({@code BTC-USD}, {@code AAPL}) and the tickers of the
 * EODHD REST API, which name the exchange ({@code BTC-USD.CC}, {@code AAPL.US}). The trade stream speaks the short form;
 * the REST bars and tick history (the collect stage and the stream's gap fill) need the long one.
 *
 * <p>A ticker that already names an exchange (a dot) is used as is. A {@code BASE-QUOTE} pair whose quote has at least
 * three letters ({@code BTC-USD}, {@code ETH-USDT}) is a crypto pair ({@code .CC}); anything else is a US ticker
 * ({@code .US}; share classes such as {@code BRK-B} keep their one-letter suffix).
 */
public final class EodhdTickers {
    private static final Pattern CRYPTO_PAIR = Pattern.compile("[A-Z0-9]+-[A-Z]{3,}");

    private EodhdTickers() {}

    /** The REST ticker of stored or streamed {@code ticker}. */
    public static String rest(String ticker) {
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        if (t.indexOf('.') >= 0) {
            return t;
        }
        return t + (CRYPTO_PAIR.matcher(t).matches() ? ".CC" : ".US");
    }

    /** The streamed ticker of REST {@code ticker}: without its {@code .CC} or {@code .US} exchange. */
    public static String stream(String ticker) {
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        return t.endsWith(".CC") || t.endsWith(".US") ? t.substring(0, t.length() - 3) : t;
    }
}
