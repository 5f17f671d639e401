package io.dgas.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** An in-process server on port 0 over a test database, and requests to it. */
final class ApiClient implements AutoCloseable {
    static final String TOKEN = "t0ken";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final AppContext ctx;
    final WebServer server;

    /** A server over {@code jdbcUrl} with {@code settings} on top. */
    ApiClient(Path home, String jdbcUrl, Map<String, String> settings) {
        Map<String, String> flags = new HashMap<>(settings);
        flags.put(ConfigKeys.DB_URL, jdbcUrl);
        ctx = new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home).load(null, flags, Map.of()),
                Clock.systemUTC());
        server = WebServer.start(ctx, "127.0.0.1", 0, TOKEN);
    }

    HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of {@code body} as {@code contentType}, with the bearer {@code token} when not null. */
    HttpResponse<String> post(String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** The JSON body of a GET that must answer {@code status}. */
    JsonNode json(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != status) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Statements the query monitor has counted so far (with caches off, every read reaches the database). */
    long statements() {
        return ctx.queryMonitor().stats().stream()
                .mapToLong(io.dgas.store.monitor.QueryStats::count)
                .sum();
    }

    /** How many statements a GET of {@code path} (answering 200) ran. */
    long statementsOf(String path) throws Exception {
        // the monitor counts every statement of the process: a background task's (a scheduler poll, a snapshot) may
        // land in one request's window, never in all three, so the fewest of three identical reads is the request's
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = statements();
            // any body a route answers (JSON, a CSV export): only its status is read
            HttpResponse<String> r = get(path);
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
            }
            fewest = Math.min(fewest, statements() - before);
        }
        return fewest;
    }

    @Override
    public void close() {
        server.close();
        ctx.close();
    }
}
