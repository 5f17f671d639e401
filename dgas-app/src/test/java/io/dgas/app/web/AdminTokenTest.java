package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.UnableToConfigureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
    @TempDir
    Path home;

    private DgasConfig config(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("DGAS_HOME", home.toString());
        return new ConfigLoader(e, home).load(null, Map.of(), Map.of());
    }

    @Test
    void forServer_noToken_createsAnOwnerOnlyFileAndReusesIt() throws Exception {
        String first = AdminToken.forServer(config(Map.of()));
        String second = AdminToken.forServer(config(Map.of()));

        Path file = home.resolve("admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first).hasSize(48).isEqualTo(second).isEqualTo(Files.readString(file));
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void forServer_emptyTokenFile_isAnError() throws Exception {
        Path file = Files.writeString(home.resolve("admin.token"), " \n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> AdminToken.forServer(config(Map.of())))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("admin.token")
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> AdminToken.forClient(config(Map.of()))).isInstanceOf(UnableToConfigureException.class);
    }

    @Test
    void forServer_tokenFileReadableByOthers_isAnError() throws Exception {
        Path file = Files.writeString(home.resolve("admin.token"), "abc");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AdminToken.forServer(config(Map.of())))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("readable by others");
    }

    @Test
    void forServer_blankConfiguredToken_isAnError() {
        assertThatThrownBy(() -> AdminToken.forServer(config(Map.of("DGAS_WEB_ADMIN_TOKEN", "   "))))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("web.admin_token");
        assertThat(home.resolve("admin.token")).doesNotExist();
    }

    @Test
    void forServer_danglingSymlinkAtTheTokenPath_writesNothingThroughIt() throws Exception {
        Path elsewhere = home.resolve("elsewhere.txt");
        Files.createSymbolicLink(home.resolve("admin.token"), elsewhere);

        assertThatThrownBy(() -> AdminToken.forServer(config(Map.of())));

        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void forClient_noTokenConfiguredNorFile_isEmptyAndCreatesNothing() {
        assertThat(AdminToken.forClient(config(Map.of()))).isEmpty();
        assertThat(home.resolve("admin.token")).doesNotExist();
        assertThat(AdminToken.forClient(config(Map.of("DGAS_WEB_ADMIN_TOKEN", "t1"))))
                .contains("t1");
    }
}
