package io.dgas.app.collect;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.store.api.ApiSettings;
import io.dgas.store.api.EodhdClient;
import io.dgas.store.api.Sleeper;
import io.dgas.store.api.TokenBucket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The {@code collect.*} settings.
 *
 * @param source {@code eodhd} or {@code none}
 * @param baseUrl API base URL (tests point it at loopback)
 * @param token API token (secret: never printed)
 * @param perMinute token-bucket refill rate
 * @param burst token-bucket capacity
 * @param batchSize symbols per batch (one newest-bar query per batch)
 * @param overlapBars stored bars fetched again so a corrected recent bar replaces the stored one
 * @param maxBackfill how far back a gap after downtime is filled at most
 * @param maxAttempts attempts per request (429, 5xx and network errors retried)
 * @param backoff wait before the second attempt, doubling per attempt
 */
public record CollectSettings(
        String source,
        String baseUrl,
        String token,
        int perMinute,
        int burst,
        int batchSize,
        int overlapBars,
        Duration maxBackfill,
        int maxAttempts,
        Duration backoff) {

    /**
     * The settings in {@code c}.
     *
     * @throws UnableToConfigureException when {@code collect.source} is {@code eodhd} without a token
     */
    public static CollectSettings from(DgasConfig c) {
        String source = c.string(ConfigKeys.COLLECT_SOURCE)
                .map(v -> v.trim().toLowerCase(java.util.Locale.ROOT))
                .orElse("none");
        String token = c.string(ConfigKeys.COLLECT_API_TOKEN)
                .or(() -> c.string(ConfigKeys.API_KEY))
                .orElse(null);
        if ("eodhd".equals(source) && token == null) {
            throw new UnableToConfigureException("key '" + ConfigKeys.COLLECT_API_TOKEN
                    + "' is required when collect.source is eodhd (set DGAS_COLLECT_API_TOKEN, or api.key)");
        }
        return new CollectSettings(
                source,
                c.string(ConfigKeys.COLLECT_BASE_URL).orElse(ApiSettings.DEFAULT_BASE_URL),
                token,
                c.intValue(ConfigKeys.COLLECT_PER_MINUTE),
                c.intValue(ConfigKeys.COLLECT_BURST),
                c.intValue(ConfigKeys.COLLECT_BATCH_SIZE),
                c.intValue(ConfigKeys.COLLECT_OVERLAP_BARS),
                Duration.ofSeconds(c.seconds(ConfigKeys.COLLECT_MAX_BACKFILL)),
                c.intValue(ConfigKeys.COLLECT_MAX_ATTEMPTS),
                Duration.ofSeconds(c.seconds(ConfigKeys.COLLECT_BACKOFF)));
    }

    /** The configured source; waits (rate limit, backoff) go through {@code sleeper}. */
    public CollectSource source(Clock clock, Sleeper sleeper) {
        if (!"eodhd".equals(source)) {
            return CollectSource.none();
        }
        return new EodhdSource(client(clock, sleeper));
    }

    /** An EODHD client over these settings (base URL, token, pacing, retries), whatever the source. */
    public EodhdClient client(Clock clock, Sleeper sleeper) {
        ApiSettings api = new ApiSettings(
                baseUrl.replaceAll("/+$", ""),
                token,
                perMinute,
                maxAttempts,
                backoff,
                backoff.multipliedBy(64),
                Duration.ofSeconds(30));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new EodhdClient(api, http, clock, sleeper, new TokenBucket(perMinute, burst, clock, sleeper));
    }

    @Override
    public String toString() {
        return "CollectSettings[source=" + source + ", baseUrl=" + baseUrl + ", token=****, perMinute=" + perMinute
                + ", burst=" + burst + "]";
    }
}
