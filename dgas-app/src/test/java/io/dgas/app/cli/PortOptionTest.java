package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --port} of {@code serve} and {@code demo} out of {@code web.port}'s range is refused before anything starts:
 * before, the bind threw a stack trace (exit 4), for {@code demo} after the whole demo had run.
 */
class PortOptionTest {
    @TempDir
    Path home;

    /** {@code dgas args} on a database nothing listens on: whatever reaches it fails with exit 3, not 2. */
    private CliRun run(String... args) {
        return CliRun.of(
                Map.of("DGAS_HOME", home.toString(), "DGAS_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none"), args);
    }

    @Test
    void portOption_outOfRange_exits2InOneLineBeforeAnythingStarts() {
        Map<List<String>, String> cases = Map.of(
                List.of("serve", "--port", "99999"), "99999",
                List.of("serve", "--port", "-1"), "-1",
                List.of("demo", "--port", "99999"), "99999",
                List.of("demo", "--no-serve", "--port", "65536"), "65536");
        cases.forEach((args, value) -> {
            CliRun r = run(args.toArray(String[]::new));

            assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .isEqualTo("error: --port must be an integer from 0 to 65535, not " + value + "\n");
            assertThat(r.out()).as("nothing started").isEmpty();
        });
    }

    @Test
    void demo_symbolsOutOfRange_isRefusedBeforeTheDatabase() {
        CliRun r = run("demo", "--no-serve", "--symbols", "0");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: --symbols must be an integer from 1 to 10000, not 0\n");
    }
}
