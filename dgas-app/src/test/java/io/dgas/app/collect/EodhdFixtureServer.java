package io.dgas.app.collect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers EODHD paths ({@code /api/intraday/SYM}, {@code /api/eod/SYM}) from
 * recorded fixture files under {@code collect/} in the test resources. Each path has a script of replies (status,
 * body file, Retry-After); once the script is used up, the path's last reply repeats. Unknown paths get 404.
 */
public final class EodhdFixtureServer implements AutoCloseable {
    /** One scripted reply; {@code fixture} names a file in {@code collect/}, or is the body itself when not found. */
    public record Reply(int status, String fixture, String retryAfter) {
        public static Reply ok(String fixture) {
            return new Reply(200, fixture, null);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public EodhdFixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().toString());
            Deque<Reply> script = scripts.get(ex.getRequestURI().getPath());
            Reply r;
            if (script == null) {
                r = new Reply(404, "{\"error\":\"unknown ticker\"}", null);
            } else {
                synchronized (script) {
                    r = script.size() > 1 ? script.poll() : script.peek();
                }
            }
            if (r.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", r.retryAfter());
            }
            byte[] b = body(r.fixture());
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
    }

    /** EODHD's daily JSON ({@code /api/eod/}) of one bar (10, 11, 9, 10.5, 1) on each of {@code dates} (ISO). */
    public static String dailyBars(List<String> dates) {
        StringBuilder json = new StringBuilder("[");
        for (String date : dates) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"date\":\"")
                    .append(date)
                    .append("\",\"open\":10,\"high\":11,\"low\":9,\"close\":10.5,\"volume\":1}");
        }
        return json.append(']').toString();
    }

    /** Scripts the replies of {@code path}, e.g. {@code /api/intraday/AAA.US}. */
    public EodhdFixtureServer on(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Request URIs (path and query) in arrival order. */
    public List<String> requests() {
        return requests;
    }

    private static byte[] body(String fixture) {
        try (InputStream in = EodhdFixtureServer.class.getResourceAsStream("/collect/" + fixture)) {
            return in == null ? fixture.getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
