package io.dgas.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ServerStatus;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.migrate.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerIT {
    @TempDir
    Path home;

    @Test
    void start_twiceOnOneDirectory_keepsDataAndEnablesPgStatStatements() {
        Path dataDir = home.resolve("pg");
        try (EmbeddedServer first = EmbeddedServer.start(dataDir);
                Database db = open(first)) {
            new Migrator(db).migrate();
            db.update("test.insert", "INSERT INTO symbols (ticker) VALUES ('KEEP')", SqlSession.Binder.NONE);
        }
        try (EmbeddedServer second = EmbeddedServer.start(dataDir);
                Database db = open(second)) {
            assertThat(new Migrator(db).migrate().migrationsExecuted()).isZero();
            assertThat(ServerStatus.read(db).rowCounts()).containsEntry("symbols", 1L);
            assertThat(ServerStatus.enablePgStatStatements(db)).isTrue();
            assertThat(ServerStatus.read(db).pgStatStatements()).isTrue();
        }
    }

    @Test
    void start_directoryHeldByAnotherServer_failsNamingTheDirectory() {
        Path dataDir = home.resolve("pg");
        try (EmbeddedServer running = EmbeddedServer.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedServer.start(dataDir))
                    .isInstanceOf(UnableToStartEmbeddedDatabaseException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("in use by another running dgas (pid "
                            + ProcessHandle.current().pid());
        }
    }

    @Test
    void startOrAttach_directoryHeldByAPublishedServer_connectsToItWithoutOwningOrStoppingIt() throws Exception {
        Path dataDir = home.resolve("pg");
        try (EmbeddedServer owner = EmbeddedServer.startOrAttach(dataDir)) {
            assertThat(owner.owner()).isTrue();
            owner.announce();
            try (EmbeddedServer client = EmbeddedServer.startOrAttach(dataDir)) {
                assertThat(client.owner()).isFalse();
                assertThat(client.port()).isEqualTo(owner.port());
                try (Connection c = DriverManager.getConnection(client.jdbcUrl("postgres"))) {
                    assertThat(c.isValid(2)).isTrue();
                }
            }
            try (Connection c = DriverManager.getConnection(owner.jdbcUrl("postgres"))) {
                assertThat(c.isValid(2))
                        .as("closing the client left the server running")
                        .isTrue();
            }
        }
        assertThat(PublishedPort.file(dataDir)).as("removed on close").doesNotExist();
    }

    @Test
    void startOrAttach_holderStillStarting_waitsForItsPublication() throws Exception {
        Path dataDir = home.resolve("pg");
        try (EmbeddedServer owner = EmbeddedServer.start(dataDir)) {
            java.util.concurrent.CompletableFuture<EmbeddedServer> client =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> EmbeddedServer.startOrAttach(dataDir, java.time.Duration.ofSeconds(20)));
            assertThat(client).as("no publication yet: still waiting").isNotDone();
            owner.announce(); // the owner finished migrating

            try (EmbeddedServer attached = client.get(20, java.util.concurrent.TimeUnit.SECONDS)) {
                assertThat(attached.owner()).isFalse();
                assertThat(attached.port()).isEqualTo(owner.port());
            }
        }
    }

    @Test
    void startOrAttach_holderPublishedNoServer_failsNamingTheHolderAfterTheWait() {
        Path dataDir = home.resolve("pg");
        try (EmbeddedServer running = EmbeddedServer.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedServer.startOrAttach(dataDir, java.time.Duration.ofMillis(300)))
                    .isInstanceOf(UnableToStartEmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running dgas (pid "
                            + ProcessHandle.current().pid())
                    .hasMessageContaining("published no database");
        }
    }

    @Test
    void startOrAttach_portLeftByAKilledOwner_startsItsOwnServer() throws Exception {
        Path dataDir = home.resolve("pg");
        java.nio.file.Files.createDirectories(home);
        new PublishedPort(1, ProcessHandle.current().pid()).write(dataDir);
        try (EmbeddedServer server = EmbeddedServer.startOrAttach(dataDir)) {
            assertThat(server.owner()).isTrue();
            assertThat(PublishedPort.file(dataDir)).as("the stale file is gone").doesNotExist();
        }
    }

    @Test
    void start_userStore_runsDurableAndChecksForGoneClients() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(home.resolve("pg"));
                Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
                Statement st = c.createStatement()) {
            assertThat(show(st, "fsync")).isEqualTo("on");
            assertThat(show(st, "synchronous_commit")).isEqualTo("on");
            assertThat(show(st, "full_page_writes")).isEqualTo("on");
            if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
                assertThat(show(st, "client_connection_check_interval")).isEqualTo("2s");
            }
        }
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Database open(EmbeddedServer server) {
        return Database.open(DatabaseSettings.defaults(server.jdbcUrl("postgres"), null, null), StatementObserver.NONE);
    }
}
