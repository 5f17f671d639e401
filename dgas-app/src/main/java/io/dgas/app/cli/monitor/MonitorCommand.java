package io.dgas.app.cli.monitor;

import io.dgas.app.cli.*;
import io.dgas.app.cli.CalculationsMonitor;
import io.dgas.app.config.ConfigKeys;
import io.dgas.store.Database;
import io.dgas.store.PoolStats;
import io.dgas.store.monitor.DatabaseActivity;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas monitor …}: what the database is doing. */
@Command(
        name = "monitor",
        description = "Database, query and pool figures.",
        subcommands = {
            MonitorCommand.DatabaseReport.class,
            MonitorCommand.Summary.class,
            RunsMonitor.RecentRuns.class,
            RunsMonitor.Signals.class,
            RunsMonitor.Calibration.class,
            CalculationsMonitor.class,
            ReportCommands.Performance.class,
            ReportCommands.Sla.class
        })
public final class MonitorCommand {

    /** Top statements by server time over a look-back window, with slow-query and connection views. */
    @Command(name = "database", description = "Top statements (pg_stat_statements deltas), slow queries, connections.")
    static final class DatabaseReport extends BaseCommand {
        @Option(names = "--slow-queries", description = "only statements whose mean is at least monitor.slow_query_ms")
        boolean slowOnly;

        @Option(names = "--connections", description = "connections by state and the pool's figures")
        boolean connections;

        @Option(names = "--lookback", defaultValue = "24h", description = "window, e.g. 1h, 24h, 7d (default 24h)")
        String lookback;

        @Option(names = "--limit", defaultValue = "20", description = "rows to show (default 20)")
        int limit;

        @Override
        public Integer call() {
            Duration window = Durations.parse("--lookback", lookback);
            Database db = context().database();
            PgStatStatements pss = new PgStatStatements(db);
            Instant now = context().clock().instant();
            double minMean = slowOnly ? config().intValue(ConfigKeys.SLOW_QUERY_MS) : 0;
            List<ServerStatement> top =
                    pss.top(now, window, OptionRanges.between("--limit", limit, 1, 100_000), 1, minMean);
            PgStatStatements.Window covered = pss.window(now, window);
            pss.snapshot(now);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("pg_stat_statements", pss.available());
            model.put("lookback_seconds", window.toSeconds());
            // a window with no snapshot at or before its start is partial (or all-time totals): say so, never hide it
            model.put("window_complete", covered.complete());
            model.put("window_baseline", covered.baseline());
            model.put("statements", top);
            if (connections) {
                model.put("connections", new DatabaseActivity(db).connectionsByState());
                model.put("pool", db.poolStats());
            }
            out().result(model, () -> print(model, top));
            return ExitCodes.OK;
        }

        @SuppressWarnings("unchecked")
        private void print(Map<String, Object> model, List<ServerStatement> top) {
            if (!(Boolean) model.get("pg_stat_statements")) {
                out().line("pg_stat_statements is not available on this server: no server-side statement figures.");
            } else {
                out().line((slowOnly ? "Slow statements" : "Top statements") + " by total time, last " + lookback);
                windowNote(out(), model);
                statements(out(), top);
            }
            if (connections) {
                out().line("");
                out().line("connections: " + DatabaseActivity.describe((Map<String, Long>) model.get("connections")));
                out().line("pool: " + ((PoolStats) model.get("pool")).describe());
            }
        }
    }

    /** Says when the statement figures do not cover their whole window (model keys window_complete, window_baseline). */
    static void windowNote(Output out, Map<String, Object> model) {
        if (!(Boolean) model.get("window_complete")) {
            out.line(
                    model.get("window_baseline") == null
                            ? "note: no statement snapshot yet; these are totals since the server's statistics began"
                                    + " (dgas serve snapshots every " + ConfigKeys.STATEMENTS_SNAPSHOT_INTERVAL + ")"
                            : "note: no statement snapshot before the window start; these cover only since "
                                    + model.get("window_baseline"));
        }
    }

    /** The statements as a table: name, calls, total and mean time, rows, cache hits and the query's start. */
    static void statements(Output out, List<ServerStatement> top) {
        out.table(
                List.of("name", "calls", "total ms", "mean ms", "rows", "hit %", "query"),
                top.stream()
                        .map(s -> List.of(
                                s.name() == null ? "-" : s.name(),
                                Long.toString(s.calls()),
                                f(s.totalMs()),
                                f(s.meanMs()),
                                Long.toString(s.rows()),
                                f(100 * s.hitRatio()),
                                abbreviate(s.query())))
                        .toList());
    }

    /** One screen: size, connections, hit ratio, pool, the five heaviest statements. */
    @Command(name = "summary", description = "Database size, connections, cache hit ratio, pool, heaviest statements.")
    static final class Summary extends BaseCommand {
        @Override
        public Integer call() {
            Database db = context().database();
            DatabaseActivity activity = new DatabaseActivity(db);
            PgStatStatements pss = new PgStatStatements(db);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("size_bytes", activity.sizeBytes());
            model.put("connections", activity.connectionsByState());
            model.put("cache_hit_ratio", activity.cacheHitRatio());
            model.put("wraparound_margin", activity.wraparoundMargin());
            model.put("pool", db.poolStats());
            Instant now = context().clock().instant();
            PgStatStatements.Window covered = pss.window(now, Duration.ofDays(1));
            model.put("pg_stat_statements", pss.available());
            model.put("window_complete", covered.complete());
            model.put("window_baseline", covered.baseline());
            model.put("top_statements", pss.top(now, Duration.ofDays(1), 5, 1, 0));
            out().result(model, () -> {
                out().line("size            " + Output.size((Long) model.get("size_bytes")));
                @SuppressWarnings("unchecked")
                Map<String, Long> byState = (Map<String, Long>) model.get("connections");
                out().line("connections     " + DatabaseActivity.describe(byState));
                out().line("cache hit ratio " + f(100 * (Double) model.get("cache_hit_ratio")) + " %");
                out().line(String.format(
                        Locale.ROOT, "wraparound      %,d transactions left", (Long) model.get("wraparound_margin")));
                out().line("pool            " + ((PoolStats) model.get("pool")).describe());
                @SuppressWarnings("unchecked")
                List<ServerStatement> top = (List<ServerStatement>) model.get("top_statements");
                out().line("");
                if (!(Boolean) model.get("pg_stat_statements")) {
                    out().line("heaviest statements: pg_stat_statements is not available on this server");
                } else {
                    out().line("heaviest statements by total time, last 24h (dgas monitor database for more):");
                    windowNote(out(), model);
                    statements(out(), top);
                }
            });
            return ExitCodes.OK;
        }
    }

    public static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").replaceFirst("^/\\* dgas:[^*]+\\*/ ", "");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
