package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void check_missingDirectoryOrADirectory_usageErrorNamingTheOption() {
        // backtest --curve ran the whole backtest, then ended on a NoSuchFileException's stack trace
        assertThatThrownBy(() -> OutputFile.check("--curve", dir.resolve("gone/c.csv")))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--curve: directory " + dir.resolve("gone") + " does not exist");
        assertThatThrownBy(() -> OutputFile.check("--out", dir))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--out: " + dir + " is a directory");
        assertThat(OutputFile.check("--out", dir.resolve("ok.csv"))).isEqualTo(dir.resolve("ok.csv"));
    }

    @Test
    void write_contentFailsPartWay_existingFileKeptAndNoPartLeft() throws Exception {
        Path file = Files.writeString(dir.resolve("bars.csv"), "before\n");

        assertThatThrownBy(() -> OutputFile.write("--out", file, w -> {
                    w.write("half of it");
                    throw new IOException("disk full");
                }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full");

        assertThat(Files.readString(file)).isEqualTo("before\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void write_content_replacesTheFileWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("bars.csv"), "before\n");

        long n = OutputFile.write("--out", file, w -> {
            w.write("a,b\n");
            return 1L;
        });

        assertThat(n).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo("a,b\n");
    }
}
