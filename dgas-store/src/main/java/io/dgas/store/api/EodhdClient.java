package io.dgas.store.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.InvalidInputException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * An EODHD-style market-data client: end-of-day history ({@code /api/eod/{SYMBOL}}) and intraday history
 * ({@code /api/intraday/{SYMBOL}}, 1m/5m/1h, fetched in windows the API accepts: 120, 600 and 7200 days).
 *
 * <p>It returns the bars as CSV text in the {@code timestamp,symbol,interval,open,high,low,close,volume} form so they
 * go through exactly the validation and upsert path of a file ingest; a null value from the API becomes an empty
 * field and fails validation rather than being guessed. Daily bars carry the API's {@code adjusted_close} as a last
 * column, which a load ignores unless it adjusts the prices ({@code IngestOptions.adjusted}); intraday bars have none. Rate limit and retries: see {@link HttpFetcher}.
 */
public final class EodhdClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Timeframe, Long> INTRADAY_WINDOW_DAYS =
            Map.of(Timeframe.M1, 120L, Timeframe.M5, 600L, Timeframe.H1, 7200L);

    /** The fields of a bar after its time, in the CSV's column order. */
    private static final String[] INTRADAY_FIELDS = {"open", "high", "low", "close", "volume"};

    private static final String[] DAILY_FIELDS = {"open", "high", "low", "close", "volume", "adjusted_close"};

    private final ApiSettings settings;
    private final HttpFetcher fetcher;

    public EodhdClient(ApiSettings settings, HttpClient http, Clock clock, Sleeper sleeper) {
        this(settings, http, clock, sleeper, new RateLimiter(settings.requestsPerMinute(), clock, sleeper));
    }

    /** A client whose requests are paced by {@code limiter} (e.g. a {@link TokenBucket}) instead of the window. */
    public EodhdClient(ApiSettings settings, HttpClient http, Clock clock, Sleeper sleeper, RequestLimiter limiter) {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new ApiRequestException(0, "no API key: set DGAS_API_KEY (or EODHD_API_KEY) or api.key in dgas.yaml");
        }
        this.settings = settings;
        this.fetcher = new HttpFetcher(settings, http, clock, sleeper, limiter);
    }

    public static EodhdClient create(ApiSettings settings, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new EodhdClient(settings, http, clock, Sleeper.SYSTEM);
    }

    /**
     * History of {@code symbol} at {@code tf} with bars opening in [from, to] as bars CSV.
     *
     * @throws InvalidInputException for a timeframe the API does not serve (1d, 1m, 5m, 1h are served)
     */
    public String barsCsv(String symbol, Timeframe tf, Instant from, Instant to) {
        String ticker = symbol.trim().toUpperCase(Locale.ROOT);
        return barsCsv(ticker, ticker, tf, from, to);
    }

    /**
     * History of {@code apiTicker} (the API's name, e.g. {@code AAPL.US}) at {@code tf} with bars opening in [from, to]
     * as bars CSV of {@code symbol} (the stored name, e.g. {@code AAPL}).
     *
     * @throws InvalidInputException for a timeframe the API does not serve (1d, 1m, 5m, 1h are served)
     */
    public String barsCsv(String symbol, String apiTicker, Timeframe tf, Instant from, Instant to) {
        String ticker = apiTicker.trim().toUpperCase(Locale.ROOT);
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume");
        if (tf == Timeframe.D1) {
            csv.append(",adjusted_close\n");
            LocalDate f = LocalDate.ofInstant(from, java.time.ZoneOffset.UTC);
            LocalDate t = LocalDate.ofInstant(to, java.time.ZoneOffset.UTC);
            URI uri = uri("/api/eod/" + enc(ticker), "&fmt=json&period=d&from=" + f + "&to=" + t);
            append(csv, symbol, tf, parse(fetcher.get(uri), uri), "date", DAILY_FIELDS);
            return csv.toString();
        }
        csv.append('\n');
        long window = requestSpanSeconds(tf);
        for (long start = from.getEpochSecond(); start <= to.getEpochSecond(); start += window) {
            long end = Math.min(start + window - 1, to.getEpochSecond());
            URI uri = uri(
                    "/api/intraday/" + enc(ticker),
                    "&fmt=json&interval=" + tf.code() + "&from=" + start + "&to=" + end);
            append(csv, symbol, tf, parse(fetcher.get(uri), uri), "timestamp", INTRADAY_FIELDS);
        }
        return csv.toString();
    }

    /**
     * The longest stretch of {@code tf} bars one request of {@link #barsCsv} asks for, in seconds: {@code barsCsv}
     * makes one request for bars opening in [from, to] when {@code to − from} is less than this, and splits a longer
     * range into requests of this span (the API's intraday limits: 120 days of 1m bars, 600 of 5m, 7,200 of 1h);
     * {@link Long#MAX_VALUE} for daily bars, which come in one request for any range.
     *
     * @throws InvalidInputException for a timeframe the API does not serve
     */
    public static long requestSpanSeconds(Timeframe tf) {
        if (tf == Timeframe.D1) {
            return Long.MAX_VALUE;
        }
        Long windowDays = INTRADAY_WINDOW_DAYS.get(tf);
        if (windowDays == null) {
            throw new InvalidInputException("the API serves 1d, 1h, 5m and 1m bars, not " + tf.code()
                    + "; fetch a finer timeframe and run dgas aggregate");
        }
        return windowDays * 86_400L;
    }

    /**
     * Trades of {@code symbol} from second {@code fromSecond} to {@code toSecond} (inclusive) from {@code /api/ticks/}
     * ({@code ?s=SYM&from=&to=&limit=}), whose JSON is columnar: {@code ts} (epoch ms), {@code price}, {@code shares};
     * oldest first. The stream fills the gap of a dropped connection with them.
     *
     * @throws UnableToFetchException for an unreadable body or columns of different lengths
     */
    public java.util.List<ApiTrade> ticks(String symbol, long fromSecond, long toSecond, int limit) {
        String ticker = symbol.trim().toUpperCase(Locale.ROOT);
        URI uri = uri(
                "/api/ticks/",
                "&fmt=json&s=" + enc(ticker) + "&from=" + fromSecond + "&to=" + toSecond + "&limit=" + limit);
        JsonNode n;
        try {
            n = JSON.readTree(fetcher.get(uri));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnableToFetchException(
                    "unreadable JSON from " + HttpFetcher.mask(uri.toString()) + ": " + e.getOriginalMessage(), e);
        }
        JsonNode ts = n == null ? null : n.get("ts");
        JsonNode price = n == null ? null : n.get("price");
        JsonNode shares = n == null ? null : n.get("shares");
        if (ts == null
                || price == null
                || !ts.isArray()
                || !price.isArray()
                || price.size() != ts.size()
                || (shares != null && shares.size() != ts.size())) {
            throw new UnableToFetchException(
                    "unexpected response from " + HttpFetcher.mask(uri.toString()) + ": not ts/price/shares columns",
                    null);
        }
        java.util.List<ApiTrade> out = new java.util.ArrayList<>(ts.size());
        for (int i = 0; i < ts.size(); i++) {
            out.add(new ApiTrade(
                    ts.get(i).asLong(),
                    price.get(i).asDouble(),
                    shares == null ? 0 : shares.get(i).asDouble()));
        }
        out.sort(java.util.Comparator.comparingLong(ApiTrade::millis));
        return out;
    }

    private URI uri(String path, String query) {
        return URI.create(settings.baseUrl() + path + "?api_token=" + enc(settings.apiKey()) + query);
    }

    private static JsonNode parse(String body, URI uri) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isArray()) {
                throw new UnableToFetchException(
                        "unexpected response from " + HttpFetcher.mask(uri.toString()) + ": not a JSON array", null);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnableToFetchException(
                    "unreadable JSON from " + HttpFetcher.mask(uri.toString()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void append(
            StringBuilder csv, String ticker, Timeframe tf, JsonNode rows, String timeField, String[] fields) {
        for (JsonNode r : rows) {
            csv.append(text(r.get(timeField)))
                    .append(',')
                    .append(ticker)
                    .append(',')
                    .append(tf.code());
            for (String f : fields) {
                csv.append(',').append(text(r.get(f)));
            }
            csv.append('\n');
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        String s = n.isNumber() ? n.numberValue().toString() : n.asText();
        // a value with a comma or quote would break the line; it is not a number anyway, so let validation see it
        return s.replace(",", ";").replace("\"", "'");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
