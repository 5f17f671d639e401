package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a {@code dgas serve} on the embedded database leaves its PostgreSQL running; the next command must stop
 * that orphan and work at once (it used to fail after 11 s with "Gave up waiting for server to start").
 */
class OrphanServerFaultIT {
    private static final Path JAR = Path.of("target", "dgas.jar").toAbsolutePath();
    /**
     * Less than what a start blocked by the orphan wastes (zonky's 10 s start-up wait) on top of a clean {@code dgas
     * status}; stopping the orphan takes a shutdown checkpoint, seconds at most. Relative to a clean run measured here,
     * so that a loaded machine does not fail it.
     */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void status_rightAfterServeWasKilled_exits0PromptlyAndLeavesNoServerRunning() throws Exception {
        assertThat(JAR).as("the fat jar, built by the package phase").exists();
        int port = freePort();
        Path dataDir = home.resolve("pg");
        Process serve = dgas("serve.log", "serve", "--port", Integer.toString(port));
        List<ProcessHandle> postmasters = new ArrayList<>();
        try {
            long upStart = System.nanoTime();
            awaitHealthy(serve, port, Duration.ofSeconds(180));
            long upMs = (System.nanoTime() - upStart) / 1_000_000;
            ProcessHandle orphan = postmaster(dataDir).orElseThrow();
            postmasters.add(orphan);

            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(orphan.isAlive())
                    .as("kill -9 of dgas leaves its PostgreSQL running")
                    .isTrue();

            long start = System.nanoTime();
            Process status = dgas("status.log", "status");
            boolean exited = status.waitFor(60, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            postmaster(dataDir).ifPresent(postmasters::add);

            assertThat(exited).as("dgas status finished").isTrue();
            assertThat(status.exitValue())
                    .as(Files.readString(home.resolve("status.log")))
                    .isZero();
            long cleanStart = System.nanoTime();
            Process clean = dgas("clean.log", "status");
            assertThat(clean.waitFor(60, TimeUnit.SECONDS) && clean.exitValue() == 0)
                    .as("a clean dgas status")
                    .isTrue();
            Duration cleanTook = Duration.ofNanos(System.nanoTime() - cleanStart);
            assertThat(took).isLessThan(cleanTook.plus(PROMPT));
            assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
            assertThat(postmaster(dataDir).filter(ProcessHandle::isAlive))
                    .as("no PostgreSQL of this home left running")
                    .isEmpty();
            System.out.printf(
                    "OrphanServerFaultIT: serve up in %d ms, SIGKILLed (orphan postgres pid %d alive);"
                            + " dgas status exit 0 in %d ms (a clean one: %d ms), orphan stopped, no postgres left%n",
                    upMs, orphan.pid(), took.toMillis(), cleanTook.toMillis());
        } finally {
            serve.destroyForcibly();
            postmaster(dataDir).ifPresent(postmasters::add);
            for (ProcessHandle p : postmasters) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /** {@code java -jar dgas.jar ARGS} with this test's home, output to {@code log} in the home. */
    private Process dgas(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(log).toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DGAS_"));
        pb.environment().put("DGAS_HOME", home.toString());
        return pb.start();
    }

    private void awaitHealthy(Process serve, int port, Duration deadline) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            assertThat(serve.isAlive())
                    .as("dgas serve exited early:\n%s", Files.readString(home.resolve("serve.log")))
                    .isTrue();
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            serve.waitFor(200, TimeUnit.MILLISECONDS); // poll interval; returns at once if it dies
        }
        throw new AssertionError(
                "dgas serve not healthy within " + deadline + ":\n" + Files.readString(home.resolve("serve.log")));
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0);
            return ProcessHandle.of(Long.parseLong(first.trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
