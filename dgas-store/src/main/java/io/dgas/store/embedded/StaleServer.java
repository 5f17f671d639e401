package io.dgas.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a dgas that died without stopping its embedded server (kill -9, a crash, a power cut) left in the data
 * directory, so that the next start works at once instead of timing out on a directory PostgreSQL thinks is in use.
 *
 * <p>Only called by a process that holds the directory's lock, so whoever started a PostgreSQL recorded in {@code
 * postmaster.pid} is gone. Three cases:
 *
 * <ul>
 *   <li>the recorded pid is a live postmaster of this directory (an orphan): it is stopped with a fast shutdown
 *       (SIGINT: open transactions rolled back, a checkpoint, a clean stop), then an immediate one (SIGQUIT), and
 *       SIGKILL of it and its children only as the last resort, each wait bounded;
 *   <li>the recorded pid is dead: nothing is done, PostgreSQL discards the stale file itself after checking that no
 *       old backend still uses its shared memory (deleting the file here would skip that check);
 *   <li>the recorded pid is alive but some other program (pids are reused, above all after a reboot): PostgreSQL
 *       would refuse to start while that process lives, so the stale file is removed.
 * </ul>
 */
final class StaleServer {
    private static final Logger LOG = LoggerFactory.getLogger(StaleServer.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(20);
    private static final Duration LAST_RESORT = Duration.ofSeconds(5);

    private StaleServer() {}

    /**
     * Stops an orphaned postmaster of {@code dataDir}, or removes a {@code postmaster.pid} naming an unrelated live
     * process.
     *
     * @throws UnableToStartEmbeddedDatabaseException when an orphan survives even SIGKILL
     */
    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        OptionalLong pid = recordedPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle p = process.get();
        Optional<Boolean> ours = isPostmasterOf(p, dataDir);
        if (ours.isEmpty()) {
            return; // cannot tell: leave it to PostgreSQL's own check rather than guess
        }
        if (ours.get()) {
            stop(p, dataDir);
        } else {
            LOG.info("removing {}: its pid {} now belongs to another program", pidFile, pid.getAsLong());
            Files.deleteIfExists(pidFile);
        }
    }

    private static OptionalLong recordedPid(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // a torn write: PostgreSQL rejects or rewrites it
        }
    }

    /** Whether {@code p} is a postgres running over {@code dataDir}; empty when the system does not say. */
    static Optional<Boolean> isPostmasterOf(ProcessHandle p, Path dataDir) {
        Optional<String> command = p.info().command();
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String name = Path.of(command.get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe")) {
            return Optional.of(false);
        }
        // a postmaster works in its data directory (Linux shows it); elsewhere its -D argument names it
        Path cwd = Path.of("/proc", Long.toString(p.pid()), "cwd");
        try {
            if (Files.exists(cwd)) {
                return Optional.of(Files.isSameFile(cwd, dataDir));
            }
        } catch (IOException e) {
            // fall through to the arguments
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        return p.info().arguments().map(args -> List.of(args).contains(dir));
    }

    private static void stop(ProcessHandle p, Path dataDir) {
        LOG.warn(
                "stopping PostgreSQL (pid {}) left running over {} by a dgas that did not exit cleanly",
                p.pid(),
                dataDir);
        if (signal(p, "INT") && exited(p, FAST_SHUTDOWN)) {
            return;
        }
        if (signal(p, "QUIT") && exited(p, LAST_RESORT)) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!exited(p, LAST_RESORT)) {
            throw new UnableToStartEmbeddedDatabaseException("the PostgreSQL (pid " + p.pid() + ") left running over "
                    + dataDir + " by an earlier dgas could not be stopped; stop it, then run dgas again");
        }
    }

    /** Sends {@code SIG<name>} with the system's kill; false when it cannot be sent (no kill command). */
    private static boolean signal(ProcessHandle p, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(p.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return p.destroy(); // SIGTERM where there is no kill: a smart shutdown, the dead dgas has no clients left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean exited(ProcessHandle p, Duration patience) {
        try {
            p.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
