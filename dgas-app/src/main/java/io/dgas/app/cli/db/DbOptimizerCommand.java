package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.app.service.OptimizerService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code dgas db-optimizer …}: PgHero/Dexter-style reports, index advice and maintenance. Reports only read; every
 * subcommand that would change the database (add-indexes, vacuum, analyze) prints what it would run unless given
 * {@code --apply}.
 */
@Command(
        name = "db-optimizer",
        scope = picocli.CommandLine.ScopeType.INHERIT,
        description = "Index advice, unused/duplicate/invalid indexes, sizes, slow queries, vacuum/analyze, health,"
                + " live queries, settings, plans. Nothing changes the database without --apply.",
        subcommands = {
            DbOptimizerIndexCommands.IndexStats.class,
            DbOptimizerIndexCommands.Unused.class,
            DbOptimizerIndexCommands.Duplicates.class,
            DbOptimizerIndexCommands.Invalid.class,
            DbOptimizerIndexCommands.Suggest.class,
            DbOptimizerIndexCommands.AddIndexes.class,
            DbOptimizerTableCommands.TableSizes.class,
            DbOptimizerTableCommands.SlowQueries.class,
            DbOptimizerTableCommands.AnalyzeNeeds.class,
            DbOptimizerTableCommands.Bloat.class,
            DbOptimizerTableCommands.Wraparound.class,
            DbOptimizerTableCommands.Sequences.class,
            DbOptimizerTableCommands.PoolStats.class,
            DbOptimizerTableCommands.Vacuum.class,
            DbOptimizerTableCommands.Analyze.class,
            DbOptimizerTableCommands.Check.class,
            DbOptimizerServerCommands.Live.class,
            DbOptimizerServerCommands.Connections.class,
            DbOptimizerServerCommands.Cancel.class,
            DbOptimizerServerCommands.Settings.class,
            DbOptimizerServerCommands.Explain.class
        })
public final class DbOptimizerCommand {
    private DbOptimizerCommand() {}

    /** The optimizer service the composition root builds. */
    static OptimizerService service(BaseCommand cmd) {
        return cmd.context().optimizer();
    }

    /** Parses {@code --min-size}: {@code 0}, {@code 512kB}, {@code 10MB}, {@code 1GB} (plain numbers are bytes). */
    static long parseSize(String text) {
        String v = text.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        for (Map.Entry<String, Long> u : List.of(
                Map.entry("GB", 1L << 30), Map.entry("MB", 1L << 20), Map.entry("KB", 1L << 10), Map.entry("B", 1L))) {
            if (v.endsWith(u.getKey())) {
                unit = u.getValue();
                v = v.substring(0, v.length() - u.getKey().length());
                break;
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return Math.multiplyExact(n, unit);
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        throw new BadArgumentException("invalid size '" + text + "' for --min-size: expected e.g. 0, 512kB, 10MB");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
