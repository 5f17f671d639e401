package io.dgas.app.cli.db;

import io.dgas.app.cli.BadArgumentException;
import io.dgas.app.cli.BaseCommand;
import io.dgas.app.cli.ExitCodes;
import io.dgas.app.cli.Output;
import io.dgas.app.service.OptimizerService;
import io.dgas.store.monitor.DatabaseActivity;
import io.dgas.store.monitor.LiveQueries;
import io.dgas.store.optimizer.SettingsAdvice;
import io.dgas.store.optimizer.StatementPlan;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The server subcommands of {@code dgas db-optimizer}: what the database's clients are doing and stopping one, and
 * the server's settings judged.
 */
public final class DbOptimizerServerCommands {
    /** Characters of a statement shown in a table row. */
    private static final int SHOWN = 80;

    private DbOptimizerServerCommands() {}

    @Command(
            name = "live-queries",
            description = "The clients of the database at work now (running, waiting, or idle in a transaction),"
                    + " the longest-running statement first.")
    static final class Live extends BaseCommand {
        @Override
        public Integer call() {
            List<LiveQueries.LiveQuery> live = DbOptimizerCommand.service(this).liveQueries();
            out().result(
                            live,
                            () -> out().table(
                                            List.of(
                                                    "pid",
                                                    "seconds",
                                                    "state",
                                                    "waiting for",
                                                    "user",
                                                    "application",
                                                    "query"),
                                            live.stream()
                                                    .map(q -> List.of(
                                                            Integer.toString(q.pid()),
                                                            String.format(Locale.ROOT, "%.1f", q.seconds()),
                                                            String.valueOf(q.state()),
                                                            q.waitEvent() == null ? "-" : q.waitEvent(),
                                                            String.valueOf(q.user()),
                                                            orDash(q.application()),
                                                            oneLine(q.query())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "connections",
            description = "The server's client connections by database, user, application, client address and state,"
                    + " most first, against max_connections.")
    static final class Connections extends BaseCommand {
        @Override
        public Integer call() {
            DatabaseActivity.Connections c = DbOptimizerCommand.service(this).connections();
            out().result(c, () -> {
                out().line(c.total() + " client connections of max_connections " + c.max());
                out().table(
                                List.of("count", "state", "database", "user", "application", "client"),
                                c.groups().stream()
                                        .map(g -> List.of(
                                                Long.toString(g.count()),
                                                g.state(),
                                                String.valueOf(g.database()),
                                                String.valueOf(g.user()),
                                                orDash(g.application()),
                                                g.client() == null ? "local socket" : g.client()))
                                        .toList());
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel a client's statement (pg_cancel_backend), or with --terminate close its connection;"
                    + " prints what it would stop unless given --apply.")
    static final class Cancel extends BaseCommand {
        @Parameters(paramLabel = "PID", description = "the client's process id (dgas db-optimizer live-queries)")
        int pid;

        @Option(names = "--terminate", description = "close the connection (also ends an idle transaction)")
        boolean terminate;

        @Option(names = "--apply", description = "send the signal (default: only say what it would stop)")
        boolean apply;

        @Override
        public Integer call() {
            LiveQueries.Signal s = DbOptimizerCommand.service(this).stop(pid, terminate, apply);
            out().result(s, () -> out().line(said(s)));
            return apply && !s.signalled() ? ExitCodes.FAILURE : ExitCodes.OK;
        }

        /** What was done, or would be without --apply. */
        private String said(LiveQueries.Signal s) {
            if (!apply) {
                String what = terminate ? "the connection of " : "the statement of ";
                return "would " + s.action() + " " + what + pid + ": " + oneLine(s.query()) + " (add --apply)";
            }
            return s.signalled()
                    ? s.action() + " sent to " + pid + ": " + oneLine(s.query())
                    : "the server did not " + s.action() + " " + pid + " (not allowed for this role?)";
        }
    }

    @Command(
            name = "explain",
            description = "The planner's plan of a statement of pg_stat_statements (QUERYID, as slow-queries and the"
                    + " database page list them: its generic plan, PostgreSQL 16 or later) or of --sql; never runs it"
                    + " (EXPLAIN without ANALYZE, in a read-only transaction rolled back).")
    static final class Explain extends BaseCommand {
        @Parameters(arity = "0..1", paramLabel = "QUERYID", description = "a statement's queryid")
        Long queryid;

        @Option(names = "--sql", description = "one statement to plan instead")
        String sql;

        @Override
        public Integer call() {
            if ((queryid == null) == (sql == null)) {
                throw new BadArgumentException("give a QUERYID or --sql, one of them");
            }
            StatementPlan.Plan p = queryid != null
                    ? DbOptimizerCommand.service(this).plan(queryid)
                    : DbOptimizerCommand.service(this).plan(sql);
            out().result(p, () -> {
                out().line(oneLine(p.query()) + (p.generic() ? "  (generic plan: its parameters unknown)" : ""));
                p.lines().forEach(out()::line);
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "settings",
            description = "The server's memory, checkpoint, planner and safety settings against PgTune's sizes for"
                    + " the server's memory (known for a server on this machine) and what dgas needs; prints the"
                    + " ALTER SYSTEM statements, changes nothing.")
    static final class Settings extends BaseCommand {
        @Override
        public Integer call() {
            OptimizerService.Settings s = DbOptimizerCommand.service(this).settings();
            out().result(s, () -> {
                out().line(
                                s.serverMemoryBytes() > 0
                                        ? "server memory " + Output.size(s.serverMemoryBytes()) + " (this machine's)"
                                        : "server memory not known from here (not on this machine): memory settings not judged");
                out().table(
                                List.of("setting", "current", "suggested", "why"),
                                s.advice().stream()
                                        .map(a -> List.of(
                                                a.name(),
                                                a.current(),
                                                a.suggested() == null
                                                        ? "-"
                                                        : a.suggested() + (a.restart() ? " (restart)" : ""),
                                                a.why()))
                                        .toList());
                List<SettingsAdvice.Advice> todo =
                        s.advice().stream().filter(a -> a.suggested() != null).toList();
                if (todo.isEmpty()) {
                    out().line("nothing to change");
                    return;
                }
                out().line("");
                out().line("to apply (as a superuser), then reload, or restart for those marked:");
                todo.forEach(a -> out().line(a.statement() + ";"));
                out().line("SELECT pg_reload_conf();");
            });
            return ExitCodes.OK;
        }
    }

    /** {@code text}, or "-" for none. */
    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    /** A statement on one line, cut to {@value #SHOWN} characters. */
    private static String oneLine(String query) {
        String q = query == null ? "" : query.replaceAll("\\s+", " ").trim();
        return q.length() <= SHOWN ? q : q.substring(0, SHOWN - 1) + "…";
    }
}
