package io.dgas.store.migrate;

import io.dgas.store.Database;
import io.dgas.store.UnableToConnectException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned, forward-only migrations in {@code classpath:db/migration}. */
public final class Migrator {
    private final Flyway flyway;

    public Migrator(Database database) {
        this.flyway = Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    /** Migrates to the newest version; a database already there is left untouched. */
    public Result migrate() {
        try {
            MigrateResult r = flyway.migrate();
            return new Result(
                    r.initialSchemaVersion,
                    r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion,
                    r.migrationsExecuted);
        } catch (FlywayException e) {
            throw asDgas(e);
        }
    }

    /** The migrations known to the code and their state in the database. */
    public List<Entry> info() {
        try {
            return Arrays.stream(flyway.info().all()).map(Migrator::entry).toList();
        } catch (FlywayException e) {
            throw asDgas(e);
        }
    }

    /**
     * Refuses a database with migrations of the code not applied to it.
     *
     * @param where the database as named in the message (a URL without credentials)
     * @throws SchemaNotReadyException when a migration is pending
     */
    public void requireCurrent(String where) {
        MigrationInfoService info;
        try {
            info = flyway.info();
        } catch (FlywayException e) {
            throw asDgas(e);
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            MigrationInfo current = info.current();
            throw new SchemaNotReadyException(
                    where,
                    current == null ? null : current.getVersion().getVersion(),
                    pending[pending.length - 1].getVersion().getVersion(),
                    pending.length);
        }
    }

    /** The applied schema version, or null on an empty database. */
    public String currentVersion() {
        try {
            MigrationInfo current = flyway.info().current();
            return current == null ? null : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw asDgas(e);
        }
    }

    private static Entry entry(MigrationInfo i) {
        return new Entry(
                i.getVersion() == null ? "" : i.getVersion().getVersion(),
                i.getDescription(),
                i.getState().getDisplayName().toLowerCase(java.util.Locale.ROOT),
                i.getInstalledOn() == null
                        ? null
                        : i.getInstalledOn().toInstant().toString());
    }

    private static RuntimeException asDgas(FlywayException e) {
        Throwable c = e;
        while (c != null) {
            if (c instanceof UnableToConnectException u) {
                return u;
            }
            if (c instanceof java.sql.SQLTransientConnectionException || c instanceof java.net.ConnectException) {
                return new UnableToConnectException("database unavailable: " + c.getMessage(), e);
            }
            c = c.getCause();
        }
        return new UnableToMigrateException(e.getMessage(), e);
    }

    /** Outcome of a migrate call. */
    public record Result(String fromVersion, String toVersion, int migrationsExecuted) {}

    /** One migration and its state. */
    public record Entry(String version, String description, String state, String installedOn) {}
}
