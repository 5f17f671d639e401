package io.dgas.app.cli.bench;

import io.dgas.app.bench.BenchmarkHistory;
import io.dgas.app.cli.BaseCommand;
import io.dgas.app.cli.ExitCodes;
import io.dgas.app.cli.Output;
import io.dgas.app.config.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dgas benchmark run-standard|run|report|compare}: the CLI face of {@link BenchmarkHistory}. */
final class BenchmarkHistoryCommands {
    private BenchmarkHistoryCommands() {}

    static BenchmarkHistory history(BaseCommand c) {
        return new BenchmarkHistory(
                c.context().database(), c.context().clock(), c.config().intValue(ConfigKeys.WORKERS), c.out()::info);
    }

    /** A stored run: its header line, then each benchmark's figures. */
    static void print(Output out, BenchmarkHistory.Stored s) {
        var r = s.run();
        out.line("benchmark run " + r.id() + " (" + r.kind() + "), dgas " + r.version() + " on " + r.host() + ", "
                + r.createdAt());
        s.figures().forEach((name, figures) -> {
            out.line("");
            out.line(name);
            List<List<String>> rows = new ArrayList<>();
            figures.forEach((k, v) -> rows.add(List.of(k, number(v))));
            out.table(List.of("figure", "value"), rows);
        });
    }

    static String number(double v) {
        return Double.isNaN(v)
                ? "-"
                : v == Math.rint(v) && Math.abs(v) < 1e15
                        ? String.format(Locale.ROOT, "%,.0f", v)
                        : String.format(Locale.ROOT, "%,.3f", v);
    }

    @Command(
            name = "run-standard",
            description = "Run the standard set (engine, ledger, cycle) at sizes of seconds and store the figures"
                    + " (report and compare read them).")
    static final class RunStandard extends BaseCommand {
        @Override
        public Integer call() {
            BenchmarkHistory.Stored s = history(this).run(BenchmarkHistory.STANDARD);
            out().result(s, () -> print(out(), s));
            return ExitCodes.OK;
        }
    }

    @Command(name = "run", description = "Run benchmarks of the standard set by name and store the figures.")
    static final class Run extends BaseCommand {
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "engine, ledger or cycle")
        List<String> names;

        @Override
        public Integer call() {
            BenchmarkHistory.Stored s = history(this).run(names);
            out().result(s, () -> print(out(), s));
            return ExitCodes.OK;
        }
    }

    @Command(name = "report", description = "A stored benchmark run's figures (default: the newest).")
    static final class Report extends BaseCommand {
        @Parameters(arity = "0..1", paramLabel = "RUN", description = "stored run id (default: the newest)")
        Long id;

        @Override
        public Integer call() {
            BenchmarkHistory.Stored s = history(this).report(id);
            out().result(s, () -> print(out(), s));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "compare",
            description = "Every figure two stored runs share, with the ratio B / A (a time or ns/bar below 1 is"
                    + " faster in B).")
    static final class Compare extends BaseCommand {
        @Parameters(index = "0", paramLabel = "A", description = "stored run id")
        long a;

        @Parameters(index = "1", paramLabel = "B", description = "stored run id")
        long b;

        @Override
        public Integer call() {
            List<BenchmarkHistory.Row> rows = history(this).compare(a, b);
            out().result(
                            rows,
                            () -> out().table(
                                            List.of("benchmark", "figure", "run " + a, "run " + b, "B / A"),
                                            rows.stream()
                                                    .map(r -> List.of(
                                                            r.benchmark(),
                                                            r.figure(),
                                                            number(r.a()),
                                                            number(r.b()),
                                                            Double.isNaN(r.ratio())
                                                                    ? "-"
                                                                    : String.format(Locale.ROOT, "%.3f", r.ratio())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }
}
