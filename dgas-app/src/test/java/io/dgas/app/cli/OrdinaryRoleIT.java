package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import io.dgas.testkit.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dgas as an ordinary role, the usual case on a managed server: not a superuser, so it may not read {@code
 * shared_preload_libraries} ({@code dgas status} and {@code dgas demo} failed on it), yet it may use the {@code
 * pg_stat_statements} the server preloads.
 */
class OrdinaryRoleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String ROLE = "dgas_app_" + ProcessHandle.current().pid();

    @TempDir
    Path home;

    @BeforeAll
    static void ordinaryRole() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + ROLE + " LOGIN");
            st.execute("GRANT USAGE ON SCHEMA public TO " + ROLE);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + ROLE);
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    @AfterAll
    static void dropRole() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("DROP OWNED BY " + ROLE);
        }
        try (Connection c = DriverManager.getConnection(TestServer.get().adminUrl());
                Statement st = c.createStatement()) {
            st.execute("DROP ROLE " + ROLE);
        }
    }

    @Test
    void status_notSuperuser_reportsTheStatementStatistics() {
        String url = PG.jdbcUrl().replaceFirst("\\?.*$", "") + "?user=" + ROLE;

        CliRun r = CliRun.of(home, url, Map.of(), "status");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("schema        version ")
                .contains("statements    pg_stat_statements enabled")
                .doesNotContain("superuser");
    }
}
