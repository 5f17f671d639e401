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

    private static Database open(EmbeddedServer server) {
        return Database.open(DatabaseSettings.defaults(server.jdbcUrl("postgres"), null, null), StatementObserver.NONE);
    }
}
