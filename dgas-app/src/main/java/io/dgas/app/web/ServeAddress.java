package io.dgas.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP address of the {@code dgas serve} running on a home, published as {@code $DGAS_HOME/serve.json} ({@code url}
 * and {@code pid}) so that the commands that read process state (caches, calculations) find it with no flag.
 *
 * <p>Written owner-only and atomically (a private temporary file renamed over it), removed when the server stops; a
 * reader trusts it only while the recorded pid is alive, so a file left by a killed server is ignored.
 */
public final class ServeAddress implements AutoCloseable {
    static final String FILE = "serve.json";

    private final Path home;
    private final long pid;

    private ServeAddress(Path home, long pid) {
        this.home = home;
        this.pid = pid;
    }

    /**
     * Publishes {@code url} as this process's address in {@code home}, unless another server that is still alive
     * published its own there (a second {@code dgas serve} on one home: the first stays the home's, and the second's
     * stop leaves the first's address in place); closing the result removes it (once, and only while it is still this
     * process's).
     */
    public static ServeAddress publish(Path home, String url) {
        long pid = ProcessHandle.current().pid();
        if (publisher(home).filter(p -> p != pid).isPresent()) {
            return new ServeAddress(home, pid);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("pid", pid);
        try {
            Files.createDirectories(home);
            Path tmp = AdminToken.ownerOnlyTempFile(home, FILE);
            try {
                Files.write(tmp, Json.MAPPER.writeValueAsBytes(body));
                Files.move(
                        tmp, home.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the server address in " + home.resolve(FILE), e);
        }
        return new ServeAddress(home, pid);
    }

    /** The URL of the {@code dgas serve} running on {@code home}, when one published it and is still alive. */
    public static Optional<String> find(Path home) {
        return published(home)
                .filter(n -> alive(n))
                .map(n -> n.path("url").asText(""))
                .filter(u -> !u.isEmpty());
    }

    /** The pid of the live server whose address {@code home} holds. */
    private static Optional<Long> publisher(Path home) {
        return published(home).filter(n -> alive(n)).map(n -> n.path("pid").asLong(-1));
    }

    private static boolean alive(JsonNode published) {
        return ProcessHandle.of(published.path("pid").asLong(-1))
                .map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private static Optional<JsonNode> published(Path home) {
        try {
            return Optional.of(Json.MAPPER.readTree(Files.readString(home.resolve(FILE))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable or not JSON: as if no server had published
        }
    }

    /** The base URL a client on this machine uses for a server listening on {@code host:port}. */
    public static String localUrl(String host, int port) {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        return "http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public synchronized void close() {
        Path file = home.resolve(FILE);
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file));
            if (n.path("pid").asLong(-1) == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // gone already, or replaced by something unreadable: not ours to remove
        }
    }
}
