package io.dgas.store.api;

import java.time.Duration;

/**
 * Market-data API settings.
 *
 * @param baseUrl e.g. {@code https://eodhd.com} (no trailing slash needed)
 * @param apiKey the secret token; never logged or shown (URLs are printed with {@code api_token=****})
 * @param requestsPerMinute rate limit
 * @param maxAttempts attempts per request including the first (429, 5xx and network errors are retried)
 * @param initialBackoff wait before the second attempt; doubles per attempt up to {@code maxBackoff}
 * @param maxBackoff longest wait between attempts (also caps Retry-After)
 * @param timeout per-request timeout
 */
public record ApiSettings(
        String baseUrl,
        String apiKey,
        int requestsPerMinute,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration timeout) {

    public static final String DEFAULT_BASE_URL = "https://eodhd.com";

    public static ApiSettings of(String baseUrl, String apiKey, int requestsPerMinute) {
        return new ApiSettings(
                baseUrl == null ? DEFAULT_BASE_URL : baseUrl.replaceAll("/+$", ""),
                apiKey,
                requestsPerMinute,
                5,
                Duration.ofSeconds(1),
                Duration.ofMinutes(2),
                Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "ApiSettings[baseUrl=" + baseUrl + ", apiKey=****, requestsPerMinute=" + requestsPerMinute + "]";
    }
}
