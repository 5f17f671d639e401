package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.IngestProgress;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IngestBenchmarkIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path tmp;

    private static List<Path> benchDirs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("dgas-bench"))
                    .toList();
        }
    }

    @Test
    void run_withoutDir_loadsBothSidesAndLeavesNoTemporaryDirectory() throws Exception {
        List<Path> before = benchDirs();
        Map<String, Object> figures;
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            figures = new IngestBenchmark(db, line -> {}, IngestProgress.NONE).run(2_000, null, false, false);
        }

        assertThat(figures.get("rows")).isEqualTo(2_000L);
        assertThat(figures.get("dgas_inserted")).isEqualTo(2_000L);
        assertThat(benchDirs()).as("the temporary directory is removed").isEqualTo(before);
    }

    @Test
    void run_keepInADirThatIsMissing_madeAndTheFileKept() throws Exception {
        Path dir = tmp.resolve("made/here");
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            new IngestBenchmark(db, line -> {}, IngestProgress.NONE).run(500, dir, true, false);
        }

        assertThat(dir.resolve("bench_bars_500.csv")).isRegularFile();
    }
}
