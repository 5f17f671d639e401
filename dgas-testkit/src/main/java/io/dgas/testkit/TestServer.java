package io.dgas.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The one PostgreSQL server of a test JVM.
 *
 * <p>Embedded (zonky, the binaries pinned by the build, {@code pg_stat_statements} preloaded when it loads) unless
 * {@code DGAS_TEST_DATABASE_URL} names an external server, e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}; then test databases are created there.
 *
 * <p>The embedded test server is unsafe on purpose: {@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} are off, which makes it fast and means a machine crash can corrupt it. It lives in a temporary
 * directory and holds nothing worth keeping; the user's store ({@code EmbeddedServer}) runs durable.
 */
public final class TestServer {
    private static final String TEMPLATE =
            "dgas_template_" + ProcessHandle.current().pid();
    private static TestServer instance;

    private final String adminUrl;
    private final EmbeddedPostgres embedded;
    private boolean templateReady;

    private TestServer(String adminUrl, EmbeddedPostgres embedded) {
        this.adminUrl = adminUrl;
        this.embedded = embedded;
    }

    /** The server, started on first call; stopped when the JVM exits. */
    public static synchronized TestServer get() {
        if (instance == null) {
            String external = System.getenv("DGAS_TEST_DATABASE_URL");
            instance = external != null && !external.isBlank() ? new TestServer(external, null) : startEmbedded();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "dgas-test-pg-stop"));
        }
        return instance;
    }

    private static TestServer startEmbedded() {
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException | RuntimeException preloadFailed) {
            try {
                pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded test PostgreSQL", e);
            }
        }
        return new TestServer(pg.getJdbcUrl("postgres", "postgres"), pg);
    }

    /** URL of the maintenance database, for CREATE/DROP DATABASE. */
    public String adminUrl() {
        return adminUrl;
    }

    /** Whether the server is the embedded one (false: an external server from the environment). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** URL of {@code database} on this server with the same credentials as the admin URL. */
    public String urlFor(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    /** Name of a database holding the migrated schema, created on first call. */
    synchronized String migratedTemplate() throws SQLException {
        if (!templateReady) {
            try (Connection c = DriverManager.getConnection(adminUrl);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + TEMPLATE);
            }
            Flyway.configure()
                    .dataSource(urlFor(TEMPLATE), null, null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            templateReady = true;
        }
        return TEMPLATE;
    }

    private void shutdown() {
        try {
            if (templateReady) {
                try (Connection c = DriverManager.getConnection(adminUrl);
                        Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
                }
            }
            if (embedded != null) {
                embedded.close();
            }
        } catch (SQLException | IOException ignored) {
            // the JVM is exiting; an embedded server's directory is temporary anyway
        }
    }
}
