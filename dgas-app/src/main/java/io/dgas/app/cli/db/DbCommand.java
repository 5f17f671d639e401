package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.store.migrate.Migrator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dgas db …}: schema migrations. */
@Command(
        name = "db",
        description = "Schema migrations and database upkeep.",
        subcommands = {
            DbCommand.Migrate.class,
            DbCommand.Info.class,
            DbPartitionsCommand.class,
            DbRefreshViewsCommand.class
        })
public final class DbCommand {

    @Command(name = "migrate", description = "Apply pending migrations (a database already current is untouched).")
    static final class Migrate extends BaseCommand {
        @Override
        public Integer call() {
            context().acceptAnySchema();
            Migrator.Result r = new Migrator(context().database()).migrate();
            out().result(
                            Map.of(
                                    "from_version", r.from(),
                                    "to_version", String.valueOf(r.toVersion()),
                                    "migrations_executed", r.migrationsExecuted()),
                            () -> out().line(
                                            r.migrationsExecuted() == 0
                                                    ? "schema already at version " + r.toVersion()
                                                    : "applied " + r.migrationsExecuted() + " migration(s): version "
                                                            + r.from() + " -> " + r.toVersion()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", description = "List migrations and their state.")
    static final class Info extends BaseCommand {
        @Override
        public Integer call() {
            context().acceptAnySchema();
            List<Migrator.Entry> entries = new Migrator(context().database()).info();
            out().result(
                            entries,
                            () -> out().table(
                                            List.of("version", "description", "state", "installed on"),
                                            entries.stream()
                                                    .map(e -> List.of(
                                                            e.version(),
                                                            e.description(),
                                                            e.state(),
                                                            e.installedOn() == null ? "" : e.installedOn()))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }
}
