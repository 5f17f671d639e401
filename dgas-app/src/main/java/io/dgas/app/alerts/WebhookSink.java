package io.dgas.app.alerts;

import io.dgas.app.Json;
import io.dgas.store.alerts.AlertEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each alert as JSON. Each attempt is bounded by {@code timeout}; failures (network errors, 5xx, 429) are retried
 * up to {@code attempts} times with exponential backoff starting at {@code backoff}; a 4xx other than 429 fails at
 * once (retrying will not fix the request).
 */
public final class WebhookSink implements AlertSink {
    private final URI url;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;

    public WebhookSink(URI url, Duration timeout, int attempts, Duration backoff) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(AlertEvent e) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(FileSink.body(e))))
                .build();
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = "HTTP " + r.statusCode();
                if (r.statusCode() / 100 == 4 && r.statusCode() != 429) {
                    break;
                }
            } catch (IOException ex) {
                last = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            }
            if (attempt < attempts) {
                Thread.sleep(backoff.toMillis() << (attempt - 1));
            }
        }
        throw new IOException("webhook " + url.getHost() + ":" + url.getPort() + " failed: " + last);
    }
}
