package io.dgas.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory left behind by a dgas that died: an orphaned PostgreSQL still running over it, or a {@code
 * postmaster.pid} naming a dead or unrelated process. The next start must work at once (zonky gives up after 10 s).
 */
class StaleServerIT {
    /** Under zonky's 10 s start-up wait, which a start blocked by the stale server always runs into. */
    private static final Duration PROMPT = Duration.ofSeconds(9);

    @TempDir
    Path home;

    @Test
    void start_afterOwnerWasKilled_stopsTheOrphanAndStartsPromptly() throws Exception {
        Path dataDir = home.resolve("pg");
        Process owner = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Owner.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        ProcessHandle orphan = null;
        try {
            awaitLine(owner, "up", Duration.ofSeconds(90));
            orphan = postmaster(dataDir).orElseThrow();
            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(orphan.isAlive())
                    .as("the killed owner leaves its PostgreSQL running")
                    .isTrue();

            long start = System.nanoTime();
            try (EmbeddedServer server = EmbeddedServer.start(dataDir)) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(orphan.isAlive()).isFalse();
                assertThat(took).isLessThan(PROMPT);
                assertThat(countKept(server)).isEqualTo(1);
            }
        } finally {
            owner.destroyForcibly();
            if (orphan != null) {
                orphan.descendants().forEach(ProcessHandle::destroyForcibly);
                orphan.destroyForcibly();
            }
        }
    }

    @Test
    void start_pidFileNamesAnUnrelatedLiveProcess_startsPromptly() throws Exception {
        Path dataDir = initialised();
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(dataDir, unrelated.pid());

            assertStartsPromptly(dataDir);
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void start_pidFileNamesADeadProcess_startsPromptly() throws Exception {
        Path dataDir = initialised();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        writePidFile(dataDir, gone.pid());

        assertStartsPromptly(dataDir);
    }

    @Test
    void isPostmasterOf_thisJvm_isNotAPostmaster() {
        assertThat(StaleServer.isPostmasterOf(ProcessHandle.current(), home)).contains(false);
    }

    private Path initialised() {
        Path dataDir = home.resolve("pg");
        EmbeddedServer.start(dataDir).close();
        return dataDir;
    }

    private static void assertStartsPromptly(Path dataDir) {
        long start = System.nanoTime();
        try (EmbeddedServer server = EmbeddedServer.start(dataDir)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
            assertThat(postmaster(dataDir)).isPresent();
        }
    }

    /** A postmaster.pid as PostgreSQL writes it, for a server that is not there. */
    private static void writePidFile(Path dataDir, long pid) throws IOException {
        Files.write(
                dataDir.resolve("postmaster.pid"),
                List.of(
                        Long.toString(pid),
                        dataDir.toString(),
                        "1700000000",
                        "65432",
                        "/tmp",
                        "localhost",
                        "  5432001   1234567",
                        "ready   "),
                StandardCharsets.UTF_8);
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0);
            return ProcessHandle.of(Long.parseLong(first.trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int countKept(EmbeddedServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitLine(Process p, String wanted, Duration deadline) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(wanted)) {
                        return true;
                    }
                    seen.append(line).append('\n');
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(found.get(deadline.toMillis(), TimeUnit.MILLISECONDS))
                .as("child output:\n%s", seen)
                .isTrue();
        // keep draining so the child never blocks on a full pipe
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
    }

    /** The dgas stand-in that the test kills: starts the embedded server, writes a row, then runs until killed. */
    public static final class Owner {
        public static void main(String[] args) throws Exception {
            EmbeddedServer server = EmbeddedServer.start(Path.of(args[0]));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (id int)");
                st.execute("INSERT INTO kept VALUES (1)");
            }
            System.out.println("up");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until killed, or until the test JVM (holding the other end of stdin) is gone
            }
            server.close();
        }
    }
}
