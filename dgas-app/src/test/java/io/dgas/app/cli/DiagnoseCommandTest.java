package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.health.Check;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnoseCommandTest {
    @Test
    void printChecks_byteValues_areSizesForPeople() {
        StringWriter text = new StringWriter();
        Output out = new Output(new PrintWriter(text, true), new PrintWriter(new StringWriter()), false, false);

        DiagnoseCommand.printChecks(
                out,
                List.of(
                        Check.info("db_size", 52_161_683, "B", "database size"),
                        Check.info("disk_read", 3 * 1024, "B/s", "process disk reads"),
                        Check.info("disk_write", Double.NaN, "B/s", "process disk writes"),
                        Check.info("db_connections", 5, "", "idle 4, active 1")));

        // 52161683 / 2^20 = 49.74…; before, the raw count with "B"
        assertThat(text.toString())
                .contains("49.7 MB")
                .contains("3 kB/s")
                .containsPattern("disk_write\\s+- B/s")
                .containsPattern("db_connections\\s+5\\s");
    }
}
