package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.app.service.OptimizerService;
import io.dgas.store.optimizer.HiddenIndexCheck;
import io.dgas.store.optimizer.IndexAdvisor;
import io.dgas.store.optimizer.IndexBuilder;
import io.dgas.store.optimizer.IndexCatalog;
import io.dgas.store.optimizer.IndexInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The index subcommands of {@code dgas db-optimizer}. */
public final class DbOptimizerIndexCommands {
    private DbOptimizerIndexCommands() {}

    private static List<List<String>> rows(List<IndexInfo> list) {
        return list.stream()
                .map(i -> List.of(
                        i.table(),
                        i.name(),
                        Long.toString(i.scans()),
                        Long.toString(i.tuplesRead()),
                        Output.size(i.bytes()),
                        String.join(", ", i.columns())))
                .toList();
    }

    private static final List<String> HEADERS = List.of("table", "index", "scans", "tuples read", "size", "columns");

    @Command(name = "index-stats", description = "Every index: scans, tuples read, size, table.")
    static final class IndexStats extends BaseCommand {
        @Override
        public Integer call() {
            List<IndexInfo> all = DbOptimizerCommand.service(this).indexes();
            out().result(all, () -> out().table(HEADERS, rows(all)));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "unused-indexes",
            description = "Indexes never scanned since the statistics reset (on the primary and every configured"
                    + " replica), not unique or primary key, at least --min-size large.")
    static final class Unused extends BaseCommand {
        @Option(names = "--min-size", defaultValue = "10MB", description = "smallest index reported (default 10MB)")
        String minSize;

        @Option(
                names = "--verify",
                description = "with hypopg >= 1.4: hide each index hypothetically and list the top statements that"
                        + " would get slower (changes nothing)")
        boolean verify;

        @Override
        public Integer call() {
            OptimizerService.Unused u =
                    DbOptimizerCommand.service(this).unused(DbOptimizerCommand.parseSize(minSize), verify);
            u.warnings().forEach(w -> out().warn(w));
            List<IndexInfo> result = u.indexes();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("stats_reset", u.statsReset());
            model.put("replicas_checked", u.replicasChecked());
            model.put("indexes", result);
            if (verify) {
                model.put("verification", u.verification());
            }
            out().result(model, () -> {
                out().line("statistics since "
                        + (model.get("stats_reset") == null ? "the database was created" : model.get("stats_reset"))
                        + "; replicas checked: " + u.replicasChecked());
                out().table(HEADERS, rows(result));
                if (model.get("verification") instanceof HiddenIndexCheck.Result v) {
                    if (!v.supported()) {
                        out().line("verify: not possible: " + v.reason());
                    } else if (v.slower().isEmpty()) {
                        out().line("verify: no top statement gets slower without these indexes");
                    } else {
                        v.slower()
                                .forEach(s -> out().line("verify: without " + s.index() + " statement "
                                        + (s.name() == null ? s.queryid() : s.name()) + " costs "
                                        + DbOptimizerCommand.f(s.costWithout()) + " instead of "
                                        + DbOptimizerCommand.f(s.costBefore())));
                    }
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "duplicate-indexes",
            description = "Indexes whose columns are a leading prefix of another index on the same table"
                    + " (same method and predicate).")
    static final class Duplicates extends BaseCommand {
        @Override
        public Integer call() {
            List<IndexCatalog.DuplicateIndex> d =
                    DbOptimizerCommand.service(this).duplicateIndexes();
            out().result(
                            d,
                            () -> out().table(
                                            List.of("table", "index", "columns", "covered by", "columns", "size"),
                                            d.stream()
                                                    .map(x -> List.of(
                                                            x.index().table(),
                                                            x.index().name(),
                                                            String.join(
                                                                    ", ",
                                                                    x.index().columns()),
                                                            x.coveredBy().name(),
                                                            String.join(
                                                                    ", ",
                                                                    x.coveredBy()
                                                                            .columns()),
                                                            Output.size(
                                                                    x.index().bytes())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "invalid-indexes", description = "Invalid indexes (left by a failed concurrent build).")
    static final class Invalid extends BaseCommand {
        @Override
        public Integer call() {
            List<IndexInfo> bad = DbOptimizerCommand.service(this).invalidIndexes();
            out().result(bad, () -> out().table(HEADERS, rows(bad)));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "suggest-indexes",
            description = "Indexes that would cut the planner's cost of the heaviest statements by --min-savings"
                    + " (hypopg when installed, else a statistics heuristic), ranked by time saved. Changes nothing.")
    static final class Suggest extends BaseCommand {
        @Option(names = "--lookback", defaultValue = "24h", description = "statement window (default 24h)")
        String lookback;

        @Option(names = "--min-calls", defaultValue = "100", description = "only statements called this often")
        long minCalls;

        @Option(names = "--limit", defaultValue = "20", description = "statements examined, by total time")
        int limit;

        @Option(names = "--min-savings", defaultValue = "0.5", description = "minimum cost reduction 0..1 (0.5)")
        double minSavings;

        @Override
        public Integer call() {
            if (minSavings <= 0 || minSavings >= 1) {
                throw new BadArgumentException("--min-savings must be between 0 and 1 (exclusive)");
            }
            IndexAdvisor.Advice a = DbOptimizerCommand.service(this)
                    .advise(
                            Durations.parse("--lookback", lookback),
                            OptionRanges.between("--min-calls", minCalls, 0, Long.MAX_VALUE),
                            OptionRanges.between("--limit", limit, 1, 100_000),
                            minSavings);
            out().result(a, () -> {
                out().line("method: " + a.method() + " (" + a.planning() + ")");
                a.notes().forEach(n -> out().line("note: " + n));
                if (a.suggestions().isEmpty()) {
                    // a table of headers alone read as if something were missing
                    out().line("no index would cut the cost of the heaviest statements by "
                            + Math.round(100 * minSavings) + " % or more");
                    return;
                }
                out().table(
                                List.of("index", "cost before", "cost after", "saves", "time saved ms", "size", "ddl"),
                                a.suggestions().stream()
                                        .map(s -> List.of(
                                                s.name(),
                                                DbOptimizerCommand.f(s.beforeCost()),
                                                DbOptimizerCommand.f(s.afterCost()),
                                                DbOptimizerCommand.f(100 * s.savings()) + " %",
                                                DbOptimizerCommand.f(s.timeSavedMs()),
                                                Output.size(s.estimatedBytes()),
                                                s.ddl()))
                                        .toList());
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "add-indexes",
            description = "Create the schema's declared indexes that are missing (and, with --suggested, the"
                    + " suggested ones) and rebuild invalid ones, with CREATE INDEX CONCURRENTLY. Dry run unless"
                    + " --apply.")
    static final class AddIndexes extends BaseCommand {
        @Option(names = "--apply", description = "build the indexes (default: print the statements only)")
        boolean apply;

        @Option(names = "--suggested", description = "include suggest-indexes' suggestions")
        boolean suggested;

        @Option(names = "--lookback", defaultValue = "24h", description = "statement window for --suggested")
        String lookback;

        @Option(names = "--min-calls", defaultValue = "100", description = "statement calls for --suggested")
        long minCalls;

        @Override
        public Integer call() {
            OptimizerService.IndexBuild build = DbOptimizerCommand.service(this)
                    .addIndexes(
                            suggested,
                            Durations.parse("--lookback", lookback),
                            OptionRanges.between("--min-calls", minCalls, 0, Long.MAX_VALUE),
                            apply);
            List<IndexBuilder.Step> plan = build.plan();
            List<String> done = build.executed();
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("applied", apply);
            model.put("steps", plan);
            model.put("executed", done);
            out().result(model, () -> {
                if (plan.isEmpty()) {
                    out().line("every declared index exists and is valid; nothing to do");
                    return;
                }
                for (IndexBuilder.Step s : plan) {
                    out().line("-- " + s.index() + " on " + s.table() + " (" + s.reason() + ")");
                    s.statements().forEach(sql -> out().line(sql + ";"));
                }
                out().line(
                                apply
                                        ? "applied: " + done.size() + " statement(s) run"
                                        : "dry run: nothing was changed; run with --apply to build");
            });
            return ExitCodes.OK;
        }
    }
}
