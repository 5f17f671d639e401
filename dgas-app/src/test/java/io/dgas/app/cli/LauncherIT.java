package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./dgas} launcher, run from a copy of the checkout's script over a jar of two tiny classes: a rebuild
 * while a process runs must not change the jar that process reads its classes from.
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void rebuild_whileAnEarlierRunIsAlive_leavesThatRunItsOwnClasses() throws Exception {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("dgas-app/target"));
        Path script = root.resolve("dgas");
        Files.copy(Path.of("..", "dgas"), script);
        script.toFile().setExecutable(true);
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Path jar = root.resolve("dgas-app/target/dgas.jar");
        writeJar(jar, "v1");

        Process first =
                new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        BufferedReader firstOut =
                new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertThat(firstOut.readLine()).isEqualTo("started v1");
            // "the build": dgas.jar rewritten in place, newer than the copy the first run was started from
            writeJar(jar, "v2");
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            Process second = new ProcessBuilder(script.toString())
                    .redirectErrorStream(true)
                    .start();
            second.getOutputStream().close();
            String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(secondOut).startsWith("started v2").contains("late v2");

            // the first run now loads a class it had not needed: from the jar it started with, not the rewritten one
            try (OutputStream in = first.getOutputStream()) {
                in.write('\n');
            }
            assertThat(firstOut.readLine()).isEqualTo("late v1");
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
        } finally {
            first.destroyForcibly();
        }
    }

    /** A jar whose Main prints "started {@code v}", waits for a line, then loads Late, which prints "late v". */
    private void writeJar(Path jar, String v) throws Exception {
        Path srcDir = Files.createTempDirectory(dir, "src");
        Files.writeString(
                srcDir.resolve("Main.java"),
                "public class Main { public static void main(String[] a) throws Exception {"
                        + " System.out.println(\"started " + v + "\"); System.out.flush(); System.in.read();"
                        + " Late.run(); } }");
        // a long body, so that the rewritten jar's entries move: a stale offset reads the wrong bytes
        Files.writeString(
                srcDir.resolve("Late.java"),
                "public class Late { static void run() { System.out.println(\"late " + v + "\"); }"
                        + " static final String PAD = \"" + (v.equals("v1") ? "" : "x".repeat(4000)) + "\"; }");
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        srcDir.toString(),
                        srcDir.resolve("Main.java").toString(),
                        srcDir.resolve("Late.java").toString());
        assertThat(rc).isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        // written in place, as the build does
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            for (String c : List.of("Late.class", "Main.class")) {
                out.putNextEntry(new JarEntry(c));
                out.write(Files.readAllBytes(srcDir.resolve(c)));
                out.closeEntry();
            }
        }
    }
}
