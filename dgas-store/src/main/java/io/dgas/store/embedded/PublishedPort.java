package io.dgas.store.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The port of a running embedded server, published beside its data directory ({@code pg.port} next to {@code pg}) as
 * {@code port=…} and {@code pid=…} of the owning dgas, so that other dgas processes on the same home connect to it
 * instead of failing on the directory lock.
 *
 * <p>Written atomically (a temporary file renamed over it) by the owner once its database is ready, removed when it
 * stops. A reader trusts it only when the recorded owner is alive and the port answers: a file left by a killed owner
 * names a dead pid.
 *
 * @param port the TCP port on localhost
 * @param pid the process that owns the server
 */
record PublishedPort(int port, long pid) {
    /** How long a reader waits for a published server to accept a connection. */
    private static final int CONNECT_TIMEOUT_SECONDS = 2;

    static Path file(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".port");
    }

    /** JDBC URL of {@code database} on the server at {@code port}, as zonky forms it (superuser, trust, loopback). */
    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Publishes this port for {@code dataDir}, replacing the file atomically. */
    void write(Path dataDir) throws IOException {
        Path target = file(dataDir);
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, "port=" + port + "\npid=" + pid + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The published port of {@code dataDir}, when the file is there, readable, and names a live process. */
    static Optional<PublishedPort> read(Path dataDir) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file(dataDir), StandardCharsets.UTF_8)));
            PublishedPort published = new PublishedPort(
                    Integer.parseInt(p.getProperty("port", "")), Long.parseLong(p.getProperty("pid", "")));
            boolean alive = ProcessHandle.of(published.pid())
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
            return alive ? Optional.of(published) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // half-written by hand or by another tool: not trusted
        }
    }

    /** Whether the server accepts a connection now (bounded by a short timeout). */
    boolean answers() {
        String url = jdbcUrl(port, "postgres") + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS + "&loginTimeout="
                + CONNECT_TIMEOUT_SECONDS;
        try (Connection c = DriverManager.getConnection(url)) {
            return c.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Removes the published port of {@code dataDir} when it is this process's. */
    static void remove(Path dataDir, long owner) {
        try {
            if (read(dataDir).filter(p -> p.pid() == owner).isPresent()) {
                Files.deleteIfExists(file(dataDir));
            }
        } catch (IOException ignored) {
            // readers check that the owner is alive, so a file left behind is harmless
        }
    }
}
