package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external database without the dgas schema, with an older or a newer one, or shared with another application:
 * the commands that need the schema refuse up front naming the way out (they failed on a missing table: "relation
 * "bars" does not exist"), {@code status} reports it, {@code demo} prepares it as it does the embedded server's, and
 * {@code db migrate} will not migrate beside another application's tables but does in a schema of dgas's own.
 */
class SchemaStateIT {
    @RegisterExtension
    static final PostgresExtension EMPTY = new PostgresExtension(false);

    @RegisterExtension
    static final PostgresExtension MIGRATED = new PostgresExtension();

    @RegisterExtension
    static final PostgresExtension SHARED = new PostgresExtension(false);

    @RegisterExtension
    static final PostgresExtension AHEAD = new PostgresExtension();

    @TempDir
    Path home;

    @Test
    void commands_databaseWithoutSchema_referToDbMigrateThenDemoPreparesIt() {
        CliRun list = CliRun.of(home, EMPTY.jdbcUrl(), Map.of(), "data", "list");
        CliRun serve = CliRun.of(home, EMPTY.jdbcUrl(), Map.of(), "serve", "--port", "0");
        CliRun status = CliRun.of(home, EMPTY.jdbcUrl(), Map.of(), "status");

        for (CliRun r : List.of(list, serve)) {
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err())
                    .containsPattern("has no dgas schema \\(\\d+ migrations pending\\): run 'dgas db migrate' on it")
                    .doesNotContain("does not exist")
                    .doesNotContain("\tat ");
        }
        assertThat(status.code()).isZero();
        assertThat(status.out()).containsPattern("schema +version none \\(\\d+ pending: run 'dgas db migrate'\\)");

        CliRun demo = CliRun.of(home, EMPTY.jdbcUrl(), Map.of(), "demo", "--no-serve", "--symbols", "2");
        assertThat(demo.code()).as(demo.err()).isZero();
        assertThat(demo.out() + demo.err())
                .containsPattern("applied \\d+ migration\\(s\\): schema version none -> \\d+");
        CliRun after = CliRun.of(home, EMPTY.jdbcUrl(), Map.of(), "data", "list");
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("SYN0002");
    }

    @Test
    void dataList_schemaOneMigrationBehind_namesBothVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = MIGRATED.connect();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 2")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            // as if this dgas were one release newer than the one that migrated the database
            st.execute("DELETE FROM flyway_schema_history WHERE version = '" + versions.get(0) + "'");
        }

        CliRun r = CliRun.of(home, MIGRATED.jdbcUrl(), Map.of(), "data", "list");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err())
                .contains("has the dgas schema at version " + versions.get(1) + ", this dgas needs " + versions.get(0)
                        + " (1 migration pending): run 'dgas db migrate'");
    }

    @Test
    void dataList_schemaMigratedByANewerDgas_refusedNamingBothVersions() throws Exception {
        String newest;
        try (Connection c = AHEAD.connect();
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
                rs.next();
                newest = rs.getString(1);
            }
            // as if a dgas one release newer had migrated the database
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '9999',"
                    + " 'from a newer dgas', 'SQL', 'V9999__from_a_newer_dgas.sql', 0, 'postgres', 1, true"
                    + " FROM flyway_schema_history");
        }

        CliRun r = CliRun.of(home, AHEAD.jdbcUrl(), Map.of(), "data", "list");
        // Flyway lets an older code base migrate such a database without a word ("schema already at version 9999"),
        // as the embedded server of a home that a newer dgas used is migrated at every start
        CliRun migrate = CliRun.of(home, AHEAD.jdbcUrl(), Map.of(), "db", "migrate");
        CliRun status = CliRun.of(home, AHEAD.jdbcUrl(), Map.of(), "status");

        for (CliRun refused : List.of(r, migrate)) {
            assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err())
                    .contains("has the dgas schema at version 9999, newer than this dgas knows (" + newest
                            + "): run the dgas that migrated it, or a newer one");
        }
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out())
                .contains("version 9999 (newer than this dgas knows")
                .doesNotContain("up to date");
    }

    @Test
    void dbMigrate_schemaHoldingAnotherApplicationsTables_namesThemAndTheWayOutWhichWorks() throws Exception {
        try (Connection c = SHARED.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id int)");
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"); // an extension's views are not foreign
        }

        CliRun refused = CliRun.of(home, SHARED.jdbcUrl(), Map.of(), "db", "migrate");
        String own = SHARED.jdbcUrl() + (SHARED.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=dgas";
        CliRun migrated = CliRun.of(home, own, Map.of(), "db", "migrate");
        CliRun list = CliRun.of(home, own, Map.of(), "data", "list");

        // Flyway's own words were "Found non-empty schema(s) "public" but no schema history table. Use baseline()…"
        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err())
                .contains("the schema \"public\" of ")
                .contains("holds objects of something else (customers) and no dgas migration history")
                .contains("currentSchema=dgas")
                .doesNotContain("baseline");
        assertThat(migrated.code()).as(migrated.err()).isZero();
        assertThat(migrated.out()).containsPattern("applied \\d+ migration\\(s\\): version none -> \\d+");
        assertThat(list.code()).as(list.err()).isZero();
        // the extension's view is in public, outside the search path such a URL sets
        CliRun statements = CliRun.of(home, own, Map.of(), "monitor", "database");
        assertThat(statements.code()).as(statements.err()).isZero();
        assertThat(statements.out()).doesNotContain("not available").containsPattern("name +calls +total ms");
    }
}
