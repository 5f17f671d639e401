package io.dgas.store.migrate;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.UnableToConnectException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned, forward-only migrations in {@code classpath:db/migration}. */
public final class Migrator {
    /**
     * Up to four tables, views or sequences of the connection's schema, not an extension's, when it holds no migration
     * history: objects of something else, which Flyway refuses to migrate beside ("Use baseline()…", in its own terms).
     */
    private static final String FOREIGN = "SELECT current_schema(), c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
            + " AND to_regclass(quote_ident(current_schema()) || '.flyway_schema_history') IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype = 'e')" // an extension's own (pg_stat_statements' views)
            + " ORDER BY c.relname LIMIT 4";

    private final Database database;
    private final Flyway flyway;

    public Migrator(Database database) {
        this.database = database;
        this.flyway = Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }

    /**
     * Migrates to the newest version; a database already there is left untouched.
     *
     * @throws SchemaNotReadyException for a database migrated by a newer dgas (Flyway would let this code run on it)
     */
    public Result migrate() {
        refuseForeignSchema();
        refuseNewer(state());
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

    private void refuseForeignSchema() {
        List<String[]> foreign = database.query("migrate.foreign-schema", FOREIGN, SqlSession.Binder.NONE, rs ->
                new String[] {rs.getString(1), rs.getString(2)});
        if (!foreign.isEmpty()) {
            throw new UnableToMigrateException(
                    "the schema \"" + foreign.get(0)[0] + "\" of "
                            + database.settings().safeUrl()
                            + " holds objects of something else ("
                            + foreign.stream().map(f -> f[1]).collect(Collectors.joining(", "))
                            + (foreign.size() == 4 ? ", …" : "")
                            + ") and no dgas migration history: give dgas a database of its own (CREATE DATABASE"
                            + " dgas) or a schema of its own (currentSchema=dgas in the URL)",
                    null);
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
     * The database's schema against the code's migrations, from one look at the history.
     *
     * @param version the applied version, or null for a database without the dgas schema
     * @param pending the code's migrations not applied
     * @param needed the version the code migrates to
     * @param newer whether a newer dgas migrated the database (migrations applied that this code does not know)
     */
    public record State(String version, int pending, String needed, boolean newer) {}

    public State state() {
        MigrationInfoService info;
        try {
            info = flyway.info();
        } catch (FlywayException e) {
            throw asDgas(e);
        }
        MigrationInfo current = info.current();
        String needed = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .reduce((a, b) -> b)
                .map(m -> m.getVersion().getVersion())
                .orElse("none");
        return new State(
                current == null ? null : current.getVersion().getVersion(),
                info.pending().length,
                needed,
                current != null && current.getState() == MigrationState.FUTURE_SUCCESS);
    }

    /**
     * Refuses a database with migrations of the code not applied to it, or with migrations this code does not know
     * (applied by a newer dgas).
     *
     * @throws SchemaNotReadyException then
     */
    public void requireCurrent() {
        State s = state();
        if (s.pending() > 0) {
            throw SchemaNotReadyException.behind(database.settings().safeUrl(), s.version(), s.needed(), s.pending());
        }
        refuseNewer(s);
    }

    /** Throws when the applied schema has migrations this code does not know: a newer dgas migrated it. */
    private void refuseNewer(State s) {
        if (s.newer()) {
            throw SchemaNotReadyException.ahead(database.settings().safeUrl(), s.version(), s.needed());
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
    public record Result(String fromVersion, String toVersion, int migrationsExecuted) {
        /** The version before, as {@code dgas status} names it: {@code none} for a database without the schema. */
        public String from() {
            return fromVersion == null ? "none" : fromVersion;
        }
    }

    /** One migration and its state. */
    public record Entry(String version, String description, String state, String installedOn) {}
}
