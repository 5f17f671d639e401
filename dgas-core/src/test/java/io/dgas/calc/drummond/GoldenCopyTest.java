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
        try (var s = Files.list(Golden.SPEC_DIR)) {
            spec = s.sorted().toList();
        }
        assertThat(spec).isNotEmpty();
        for (Path f : spec) {
            Path copy = Golden.DIR.resolve(f.getFileName().toString());
            assertThat(copy).as("copy of " + f.getFileName()).exists();
            assertThat(Files.readAllBytes(copy)).as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void copy_holdsTheBarsAndEveryOutput() {
        assertThat(Golden.outputFiles()).contains("pldot.csv", "states.csv", "patterns.json", "drummond_zones.json");
        assertThat(Golden.bars().size()).isEqualTo(20);
    }
}
