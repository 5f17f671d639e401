package io.dgas.store.api;

import io.dgas.store.Redact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * GETs a URL with rate limiting and bounded retries: 429 (waiting as told by Retry-After, seconds or HTTP date, else
 * the backoff), 5xx and network errors back off exponentially; 401/403 and 404 (and other 4xx) fail at once. The API
 * key never appears in a message: URLs are shown with {@code api_token=****}.
 */
final class HttpFetcher {
    private final ApiSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RequestLimiter limiter;

    HttpFetcher(ApiSettings settings, HttpClient http, Clock clock, Sleeper sleeper, RequestLimiter limiter) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limiter = limiter;
    }

    /** The response body of a 200. */
    String get(URI uri) {
        String shown = mask(uri.toString());
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        String lastProblem = "";
        try {
            for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
                limiter.acquire();
                Duration wait = backoff(attempt);
                try {
                    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                    int code = resp.statusCode();
                    if (code == 200) {
                        return resp.body();
                    }
                    if (code == 401 || code == 403) {
                        throw new ApiRequestException(
                                code,
                                "API refused the key (HTTP " + code + ") for " + shown
                                        + ": check DGAS_API_KEY / EODHD_API_KEY or api.key");
                    }
                    if (code == 404) {
                        throw new ApiRequestException(
                                code, "not found (HTTP 404): " + shown + "; is the symbol right?");
                    }
                    if (code != 429 && code < 500) {
                        throw new ApiRequestException(code, "API rejected the request (HTTP " + code + "): " + shown);
                    }
                    lastProblem = "HTTP " + code;
                    if (code == 429) {
                        Duration told = retryAfter(
                                resp.headers().firstValue("Retry-After").orElse(null));
                        if (told != null) {
                            wait = told;
                        }
                    }
                } catch (IOException e) {
                    // the cause is not kept: driver messages may echo the URL, and with it the key
                    lastProblem = "network error: " + scrub(NetworkProblem.describe(e, uri, settings.timeout()));
                }
                if (attempt < settings.maxAttempts()) {
                    sleeper.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToFetchException("interrupted while fetching " + shown, null);
        }
        throw new UnableToFetchException(
                "gave up on " + shown + " after " + settings.maxAttempts() + " attempts: " + lastProblem, null);
    }

    /** initialBackoff · 2^(attempt-1), capped at maxBackoff. */
    Duration backoff(int attempt) {
        Duration d = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                d = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d;
    }

    /** {@code …?api_token=secret&…} → {@code …?api_token=****&…} (and every other credential, {@link Redact#url}). */
    static String mask(String url) {
        return Redact.url(url);
    }

    private String scrub(String text) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() ? mask(text) : mask(text.replace(key, "****"));
    }
}
