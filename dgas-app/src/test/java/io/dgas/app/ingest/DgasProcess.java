package io.dgas.app.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The dgas fat jar run as a child process ({@code java [jvm options] -jar dgas.jar args}), output to files. */
final class DgasProcess {
    static final Path JAR = Path.of("target", "dgas.jar").toAbsolutePath();

    record Result(int code, String out, String err) {}

    private final Process process;
    private final Path out;
    private final Path err;

    private DgasProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code dgas args} with {@code env} added to this environment and the JVM options given. */
    static DgasProcess start(Path workDir, Map<String, String> env, List<String> jvm, String... args)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the fault suite runs after package");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "dgas", ".out");
        Path err = Files.createTempFile(workDir, "dgas", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        return new DgasProcess(pb.start(), out, err);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code seconds} for the exit; kills it (by its own PID) when it does not come. */
    Result await(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("dgas did not exit within " + seconds + " s; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
