package io.dgas.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process server on port 0 over a test database, and requests to it.
 *
 * <p>A test class whose server has a database of its own registers one as a static field, started before the class's
 * {@code @BeforeAll} methods (which may seed through {@link #ctx}) and stopped, its database dropped, after the class:
 *
 * <pre>{@code @RegisterExtension static final ApiClient api = ApiClient.onOwnDatabase(Map.of());}</pre>
 */
final class ApiClient implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String TOKEN = "t0ken";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The context and server: set by the constructor, or by {@link #beforeAll} for {@link #onOwnDatabase}. */
    AppContext ctx;

    WebServer server;
    /** For {@link #onOwnDatabase}: the settings, the class's database and its home; null otherwise. */
    private final Map<String, String> settings;

    private final PostgresExtension database;
    private Path home;

    /** A server over {@code jdbcUrl} with {@code settings} on top, started now. */
    ApiClient(Path home, String jdbcUrl, Map<String, String> settings) {
        this.settings = null;
        this.database = null;
        start(home, jdbcUrl, settings);
    }

    private ApiClient(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        this.database = new PostgresExtension();
    }

    /** A server with {@code settings} on top over a database of the test class's own, started before the class. */
    static ApiClient onOwnDatabase(Map<String, String> settings) {
        return new ApiClient(settings);
    }

    private void start(Path home, String jdbcUrl, Map<String, String> settings) {
        Map<String, String> flags = new HashMap<>(settings);
        flags.put(ConfigKeys.DB_URL, jdbcUrl);
        ctx = new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home).load(null, flags, Map.of()),
                Clock.systemUTC());
        server = WebServer.start(ctx, "127.0.0.1", 0, TOKEN);
        // as dgas serve does: this server runs the jobs queued on its database
        ctx.jobs().start();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database.beforeAll(context);
        home = Files.createTempDirectory("dgas-api-home");
        start(home, database.jdbcUrl(), settings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (ctx != null) {
                close();
            }
        } finally {
            database.afterAll(context);
            if (home != null) {
                try (Stream<Path> paths = Files.walk(home)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** The JDBC URL of the class's own database ({@link #onOwnDatabase}). */
    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** A new unpooled connection to the class's own database ({@link #onOwnDatabase}). */
    Connection connect() throws SQLException {
        return database.connect();
    }

    /** The server's home directory ({@link #onOwnDatabase}), deleted after the class: room for the test's files. */
    Path home() {
        return home;
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
