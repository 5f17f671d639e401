package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against a real database: exit codes, human and JSON output, configuration errors. */
class DgasCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension(false);

    @TempDir
    Path home;

    private CliRun run(Map<String, String> extraEnv, String... args) {
        return CliRun.in(home, extraEnv, args);
    }

    @Test
    void migrateThenStatus_externalDatabase_reportsSchemaAndCounts() {
        CliRun migrate = run(Map.of(), "--db-url", PG.jdbcUrl(), "db", "migrate");
        CliRun again = run(Map.of(), "db", "migrate", "--db-url", PG.jdbcUrl());
        CliRun status = run(Map.of(), "--db-url", PG.jdbcUrl(), "status");

        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).containsPattern("applied \\d+ migration|schema already at version \\d+");
        assertThat(again.out()).contains("schema already at version");
        assertThat(status.code()).isZero();
        assertThat(status.out())
                .contains("reachable (external")
                .containsPattern("schema +version \\d+ \\(up to date\\)")
                .contains("symbols 0, bars 0");
    }

    @Test
    void status_json_isOneParseableDocument() throws Exception {
        run(Map.of(), "--db-url", PG.jdbcUrl(), "db", "migrate");
        CliRun status = run(Map.of("DGAS_DATABASE_URL", PG.jdbcUrl()), "status", "--json");

        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.at("/database/reachable").asBoolean()).isTrue();
        assertThat(json.at("/schema/version").asText()).matches("\\d+");
        assertThat(json.at("/schema/pending_migrations").asLong()).isZero();
        assertThat(json.at("/pool/utilisation").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void status_unreachableDatabase_exits3WithoutStackTrace() {
        CliRun r = run(Map.of(), "--db-url", "jdbc:postgresql://127.0.0.1:1/none?user=x", "status");

        assertThat(r.code()).isEqualTo(ExitCodes.DB_UNAVAILABLE);
        assertThat(r.err()).contains("database unavailable").doesNotContain("\tat ");
    }

    @Test
    void status_poolSizeZeroInConfig_exits2NamingTheKey() throws Exception {
        Path cfg = Files.writeString(home.resolve("bad.yaml"), "database:\n  pool_size: 0\n");

        CliRun r = run(Map.of(), "--config", cfg.toString(), "status");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("database.pool_size")
                .contains("bad.yaml:2")
                .doesNotContain("\tat ");
    }

    @Test
    void status_unknownKeyInHomeConfig_exits2() throws Exception {
        Files.writeString(home.resolve("dgas.yaml"), "databse:\n  url: x\n");

        CliRun r = run(Map.of(), "status");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("unknown key 'databse'").contains("line 1");
    }

    @Test
    void configureShow_passwordFromEnv_isMasked() {
        CliRun r = run(
                Map.of(
                        "DGAS_DATABASE_PASSWORD",
                        "s3cret-pw",
                        "DGAS_DATABASE_URL",
                        "jdbc:postgresql://h/db?user=u&password=inurl"),
                "configure",
                "show");

        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("s3cret-pw").doesNotContain("inurl").contains("****");
    }

    @Test
    void configureVerify_validAndInvalidFiles_exit0And2() throws Exception {
        Path good = Files.writeString(home.resolve("good.yaml"), "profile: low_resource\n");
        Path bad = Files.writeString(home.resolve("bad.yaml"), "profile: fastest\n");

        assertThat(run(Map.of(), "configure", "verify", "--config", good.toString())
                        .code())
                .isZero();
        CliRun r = run(Map.of(), "configure", "verify", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("'profile'").contains("one of default, low_resource");
    }

    @Test
    void unknownCommand_exits2WithHint() {
        CliRun r = run(Map.of(), "statsu");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("statsu");
    }

    @Test
    void version_exits0() {
        CliRun r = run(Map.of(), "--version");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("dgas ");
    }
}
