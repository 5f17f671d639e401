package io.dgas.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a fresh, migrated database of its own.
 *
 * <p>One PostgreSQL server serves the whole JVM ({@link TestServer}: embedded by default, or the server named by
 * {@code DGAS_TEST_DATABASE_URL}). The migrations are applied once to a template database; each test class gets a
 * clone of it ({@code CREATE DATABASE … TEMPLATE}, a file copy, far faster than migrating again), dropped after the
 * class. Register it as a static field:
 *
 * <pre>{@code @RegisterExtension static final PostgresExtension PG = new PostgresExtension();}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final boolean migrated;
    private String databaseName;

    /** A database with the dgas schema applied. */
    public PostgresExtension() {
        this(true);
    }

    /** @param migrated false for an empty database (to test migrations themselves) */
    public PostgresExtension(boolean migrated) {
        this.migrated = migrated;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        TestServer server = TestServer.get();
        databaseName = "t" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        String template = migrated ? server.migratedTemplate() : "template0";
        try (Connection c = DriverManager.getConnection(server.adminUrl());
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + databaseName + " TEMPLATE " + template);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (databaseName == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(TestServer.get().adminUrl());
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }

    /** JDBC URL of this class's database, including credentials. */
    public String jdbcUrl() {
        if (databaseName == null) {
            throw new IllegalStateException("PostgresExtension used before beforeAll: register it as a static field");
        }
        return TestServer.get().urlFor(databaseName);
    }

    public String databaseName() {
        return databaseName;
    }

    /** A new unpooled connection to this class's database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }
}
