package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.app.cli.monitor.MonitorCommand;
import io.dgas.app.service.OptimizerService;
import io.dgas.store.health.Verdict;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.optimizer.Finding;
import io.dgas.store.optimizer.TableReports;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The table, statement, maintenance and health subcommands of {@code dgas db-optimizer}. */
public final class DbOptimizerTableCommands {
    private DbOptimizerTableCommands() {}

    private static String t(Instant i) {
        return i == null ? "never" : i.toString();
    }

    @Command(
            name = "table-sizes",
            description = "Table, index and TOAST sizes and rows, with growth since the last" + " daily snapshot.")
    static final class TableSizes extends BaseCommand {
        @Override
        public Integer call() {
            List<TableReports.TableSize> sizes =
                    DbOptimizerCommand.service(this).tableSizes();
            out().result(
                            sizes,
                            () -> out().table(
                                            List.of(
                                                    "table", "kind", "table", "indexes", "toast", "total", "rows",
                                                    "growth", "since"),
                                            sizes.stream()
                                                    .map(s -> List.of(
                                                            s.table(),
                                                            s.kind(),
                                                            Output.size(s.tableBytes()),
                                                            Output.size(s.indexBytes()),
                                                            Output.size(s.toastBytes()),
                                                            Output.size(s.totalBytes()),
                                                            Long.toString(s.rowEstimate()),
                                                            s.growthBytes() == null
                                                                    ? "-"
                                                                    : (s.growthBytes() < 0 ? "-" : "+")
                                                                            + Output.size(Math.abs(s.growthBytes())),
                                                            s.previousAt() == null
                                                                    ? "-"
                                                                    : s.previousAt()
                                                                            .toString()))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "slow-queries",
            description = "Statements by total time whose mean and call count pass the"
                    + " thresholds (pg_stat_statements deltas over the window).")
    static final class SlowQueries extends BaseCommand {
        @Option(names = "--min-mean", defaultValue = "20", description = "minimum mean time in ms (default 20)")
        double minMean;

        @Option(names = "--min-calls", defaultValue = "100", description = "minimum calls (default 100)")
        long minCalls;

        @Option(names = "--lookback", defaultValue = "24h", description = "window (default 24h)")
        String lookback;

        @Override
        public Integer call() {
            OptimizerService.SlowQueries r = DbOptimizerCommand.service(this)
                    .slowQueries(
                            Durations.parse("--lookback", lookback),
                            OptionRanges.between("--min-calls", minCalls, 0, Long.MAX_VALUE),
                            OptionRanges.between("--min-mean", minMean, 0, 86_400_000));
            List<ServerStatement> slow = r.statements();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("pg_stat_statements", r.available());
            model.put("statements", slow);
            out().result(model, () -> {
                if (!r.available()) {
                    out().line("pg_stat_statements is not available on this server");
                    return;
                }
                out().table(
                                List.of("queryid", "name", "calls", "mean ms", "total ms", "rows", "query"),
                                slow.stream()
                                        .map(s -> List.of(
                                                // what db-optimizer explain takes
                                                Long.toString(s.queryid()),
                                                s.name() == null ? "-" : s.name(),
                                                Long.toString(s.calls()),
                                                DbOptimizerCommand.f(s.meanMs()),
                                                DbOptimizerCommand.f(s.totalMs()),
                                                Long.toString(s.rows()),
                                                MonitorCommand.abbreviate(s.query())))
                                        .toList());
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "analyze-needs",
            description = "Dead-tuple ratio, last (auto)vacuum and (auto)analyze,"
                    + " modifications since analyze; which tables need work.")
    static final class AnalyzeNeeds extends BaseCommand {
        @Override
        public Integer call() {
            List<TableReports.TableMaintenance> m =
                    DbOptimizerCommand.service(this).analyzeNeeds();
            out().result(
                            m,
                            () -> out().table(
                                            List.of(
                                                    "table",
                                                    "live",
                                                    "dead %",
                                                    "modified",
                                                    "last vacuum",
                                                    "last autovacuum",
                                                    "last analyze",
                                                    "last autoanalyze",
                                                    "needs"),
                                            m.stream()
                                                    .map(x -> List.of(
                                                            x.table(),
                                                            Long.toString(x.liveTuples()),
                                                            DbOptimizerCommand.f(100 * x.deadRatio()),
                                                            Long.toString(x.modifiedSinceAnalyze()),
                                                            t(x.lastVacuum()),
                                                            t(x.lastAutovacuum()),
                                                            t(x.lastAnalyze()),
                                                            t(x.lastAutoanalyze()),
                                                            (x.needsVacuum() ? "vacuum " : "")
                                                                    + (x.needsAnalyze() ? "analyze" : "")))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "bloat", description = "Estimated table bloat (from pg_stats row widths; no extension needed).")
    static final class Bloat extends BaseCommand {
        @Override
        public Integer call() {
            List<TableReports.TableBloat> b = DbOptimizerCommand.service(this).bloat();
            out().result(
                            b,
                            () -> out().table(
                                            List.of("table", "pages", "expected pages", "wasted", "statistics"),
                                            b.stream()
                                                    .map(x -> List.of(
                                                            x.table(),
                                                            Long.toString(x.pages()),
                                                            Long.toString(x.expectedPages()),
                                                            Output.size(x.wastedBytes()),
                                                            x.analysed() ? "analysed" : "partly guessed"))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "wraparound", description = "Transaction-ID age per table and transactions left.")
    static final class Wraparound extends BaseCommand {
        @Override
        public Integer call() {
            List<TableReports.TableAge> a = DbOptimizerCommand.service(this).wraparound();
            out().result(
                            a,
                            () -> out().table(
                                            List.of("table", "xid age", "transactions left"),
                                            a.stream()
                                                    .map(x -> List.of(
                                                            x.table(),
                                                            Long.toString(x.xidAge()),
                                                            Long.toString(x.transactionsLeft())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "sequences", description = "Sequences and the columns they feed; 90 %% used or more is flagged.")
    static final class Sequences extends BaseCommand {
        @Override
        public Integer call() {
            List<TableReports.SequenceUsage> s =
                    DbOptimizerCommand.service(this).sequences();
            out().result(
                            s,
                            () -> out().table(
                                            List.of("sequence", "column", "last value", "max", "used %", ""),
                                            s.stream()
                                                    .map(x -> List.of(
                                                            x.sequence(),
                                                            x.table() == null ? "-" : x.table() + "." + x.column(),
                                                            Long.toString(x.lastValue()),
                                                            Long.toString(x.maxValue()),
                                                            DbOptimizerCommand.f(100 * x.used()),
                                                            x.used() >= 0.9 ? "NEAR OVERFLOW" : ""))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "pool-stats", description = "Connection pool figures of this process.")
    static final class PoolStats extends BaseCommand {
        @Override
        public Integer call() {
            io.dgas.store.PoolStats p = DbOptimizerCommand.service(this).poolStats();
            out().result(
                            p,
                            () -> out().table(
                                            List.of(
                                                    "total",
                                                    "active",
                                                    "idle",
                                                    "waiting",
                                                    "max",
                                                    "utilisation %",
                                                    "acquire p95 ms",
                                                    "timeouts"),
                                            List.of(List.of(
                                                    "" + p.total(),
                                                    "" + p.active(),
                                                    "" + p.idle(),
                                                    "" + p.waiting(),
                                                    "" + p.max(),
                                                    DbOptimizerCommand.f(100 * p.utilisation()),
                                                    DbOptimizerCommand.f(p.acquireP95Ms()),
                                                    "" + p.timeouts()))));
            return ExitCodes.OK;
        }
    }

    private static Integer maintenance(BaseCommand cmd, String sql, boolean apply) {
        List<String> done = apply ? DbOptimizerCommand.service(cmd).runMaintenance(sql) : List.of();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("applied", apply);
        model.put("statement", sql);
        cmd.out()
                .result(
                        model,
                        () -> cmd.out()
                                .line(
                                        apply
                                                ? "ran: " + done.get(0)
                                                : "would run: " + sql
                                                        + "\ndry run: nothing was changed;"
                                                        + " run with --apply to execute"));
        return ExitCodes.OK;
    }

    @Command(
            name = "vacuum",
            description = "VACUUM (with ANALYZE) one table or the whole database, outside any"
                    + " transaction. Prints the statement only, unless --apply.")
    static final class Vacuum extends BaseCommand {
        @Option(names = "--table", description = "table (default: all)")
        String table;

        @Option(names = "--full", description = "VACUUM FULL: rewrites the table under an exclusive lock")
        boolean full;

        @Option(names = "--system", description = "allow a system catalog (pg_catalog, information_schema, pg_toast)")
        boolean system;

        @Option(names = "--apply", description = "run it (default: print what would run)")
        boolean apply;

        @Override
        public Integer call() {
            return maintenance(this, DbOptimizerCommand.service(this).planVacuum(table, full, system), apply);
        }
    }

    @Command(
            name = "analyze",
            description = "ANALYZE one table or the whole database. Prints the statement only," + " unless --apply.")
    static final class Analyze extends BaseCommand {
        @Option(names = "--table", description = "table (default: all)")
        String table;

        @Option(names = "--system", description = "allow a system catalog (pg_catalog, information_schema, pg_toast)")
        boolean system;

        @Option(names = "--apply", description = "run it (default: print what would run)")
        boolean apply;

        @Override
        public Integer call() {
            return maintenance(this, DbOptimizerCommand.service(this).planAnalyze(table, system), apply);
        }
    }

    @Command(
            name = "check",
            description = "PgHero-style health verdicts (healthy, warning, critical) with the table behind"
                    + " each; exit 1 when any is critical.")
    static final class Check extends BaseCommand {
        @Option(names = "--lookback", defaultValue = "24h", description = "statement window (default 24h)")
        String lookback;

        @Override
        public Integer call() {
            OptimizerService.Checks checks =
                    DbOptimizerCommand.service(this).check(Durations.parse("--lookback", lookback));
            List<Finding> findings = checks.findings();
            Verdict overall = checks.overall();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("overall", overall.code());
            model.put("checks", findings);
            out().result(model, () -> {
                out().table(
                                List.of("check", "verdict", "summary"),
                                findings.stream()
                                        .map(f -> List.of(f.name(), f.verdict().code(), f.summary()))
                                        .toList());
                for (Finding f : findings) {
                    if (f.verdict() != Verdict.HEALTHY && !f.rows().isEmpty()) {
                        out().line("");
                        out().line(f.name() + ":");
                        out().table(f.headers(), f.rows());
                    }
                }
                out().line("");
                out().line("overall: " + overall.code());
            });
            return overall == Verdict.CRITICAL ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
