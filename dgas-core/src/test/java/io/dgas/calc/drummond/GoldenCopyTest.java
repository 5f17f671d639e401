package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The test copy of the golden vectors is byte-for-byte the spec's, so the golden tests test the real contract. */
class GoldenCopyTest {

    @Test
    void copy_everySpecVectorFile_isPresentAndIdentical() throws IOException {
        Assumptions.assumeTrue(
                Files.isDirectory(Golden.SPEC_DIR),
                "the shared spec is not beside the repository ("
                        + Golden.SPEC_DIR.toAbsolutePath().normalize() + "): the copy cannot be compared with it here");
        List<Path> spec;
        // every regular file, sub-folders (the worked cases) included
        try (var s = Files.walk(Golden.SPEC_DIR)) {
            spec = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(spec).isNotEmpty();
        for (Path f : spec) {
            String relative = Golden.SPEC_DIR.relativize(f).toString();
            Path copy = Golden.DIR.resolve(relative);
            assertThat(copy).as("copy of " + relative).exists();
            assertThat(Files.readAllBytes(copy)).as(relative).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void copy_holdsTheBarsAndEveryOutput() {
        assertThat(Golden.outputFiles()).contains("pldot.csv", "states.csv", "patterns.json", "drummond_zones.json");
        assertThat(Golden.bars().size()).isEqualTo(20);
    }
}
