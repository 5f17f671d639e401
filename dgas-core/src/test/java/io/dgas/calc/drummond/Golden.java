package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dgas.calc.format.BarsCsvParser;
import io.dgas.domain.BarSeries;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access to the golden vectors. The tests read the copy in {@code src/test/resources/vectors} so that they run on a
 * machine without the shared spec beside the repository; {@code GoldenCopyTest} proves the copy equals the spec's
 * files whenever they are there. A missing directory fails the test (never skips).
 */
public final class Golden {
    public static final Path DIR = Path.of("src/test/resources/vectors");

    /** The spec's own vectors, beside the repository (present in CI and on developer machines). */
    public static final Path SPEC_DIR = Path.of("../../shared/spec/vectors");

    public static final String PREFIX = "C_first20_";

    private Golden() {}

    public static String text(String name) {
        Path dir = DIR.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            fail("golden vectors directory missing: " + dir + " (expected src/test/resources/vectors under "
                    + Path.of("").toAbsolutePath() + ")");
        }
        Path f = dir.resolve(PREFIX + name);
        assertThat(f).as("golden file").exists();
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BarSeries bars() {
        return BarsCsvParser.parseSingle(new StringReader(text("1h_bars.csv")), "golden bars");
    }

    /** Rows of a CSV text as column → value maps. */
    public static List<Map<String, String>> csv(String text) {
        String[] lines = text.strip().split("\r?\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], f[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Every file in the vectors directory except README and bars. */
    public static List<String> outputFiles() {
        try (var s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && !n.endsWith("_bars.csv"))
                    .map(n -> n.substring(PREFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            fail("cannot list golden vectors at " + DIR.toAbsolutePath().normalize() + ": " + e);
            return List.of();
        }
    }
}
