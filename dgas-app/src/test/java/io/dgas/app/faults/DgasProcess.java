package io.dgas.app.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The dgas fat jar run as a child process ({@code java -jar dgas-app/target/dgas.jar …}) with a home of its own,
 * output to files, stopped by its own pid.
 */
public final class DgasProcess {
    static final Path JAR = Path.of("target", "dgas.jar").toAbsolutePath();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long started = System.nanoTime();

    private DgasProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code java -jar dgas.jar args…} with {@code DGAS_HOME} under {@code dir} and the extra environment. */
    static DgasProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, List.of(), args);
    }

    /** The same with JVM options ({@code -Xmx64m}, …) before {@code -jar}. */
    static DgasProcess start(Path dir, Map<String, String> env, List<String> jvm, String... args) throws IOException {
        return startIn(Files.createTempDirectory(dir, "home"), dir, env, jvm, args);
    }

    /** Starts {@code java -jar dgas.jar args…} on the given {@code DGAS_HOME}, its output in files under {@code dir}. */
    public static DgasProcess startIn(Path home, Path dir, Map<String, String> env, List<String> jvm, String... args)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: child-process tests run after the package phase");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DGAS_HOME", home.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(new File("/dev/null"));
        return new DgasProcess(pb.start(), out, err);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (what a service manager sends to stop); returns at once. */
    void terminate() {
        process.destroy();
    }

    /** SIGTERM (SIGKILL after {@code grace}), then waits until the process is gone; returns the exit code. */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        return process.waitFor();
    }

    /** SIGKILL, then waits until the process is gone. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the exit code, failing after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("dgas did not finish within " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** Seconds since start. */
    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    public String stdout() throws IOException {
        return Files.readString(stdout);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Polls {@code condition} every 100 ms until it holds; fails naming {@code what} and this process's output. */
    public void await(Duration within, BooleanSupplier condition, String what) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no " + what + " within " + within + "; stderr: " + stderr() + "; stdout: " + stdout());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** The single number {@code sql} answers on {@code c} (a test reading what the process wrote). */
    public static long count(Connection c, String sql) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
