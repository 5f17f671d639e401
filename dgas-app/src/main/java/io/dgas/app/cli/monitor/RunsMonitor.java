package io.dgas.app.cli.monitor;

import io.dgas.app.cli.*;
import io.dgas.app.cycle.CalibrationJob;
import io.dgas.app.cycle.SignalSettings;
import io.dgas.app.cycle.SignalText;
import io.dgas.app.service.RunsService;
import io.dgas.app.service.SignalsService;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.SignalQuery;
import io.dgas.store.runs.StoredSignal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The cycle's views under {@code dgas monitor}: recent runs, latest signals, calibration of past signals. */
public final class RunsMonitor {
    private RunsMonitor() {}

    @Command(name = "recent-runs", description = "Prediction runs of the last hours with stage times.")
    static final class RecentRuns extends BaseCommand {
        @Option(names = "--hours", defaultValue = "24", description = "how many hours back (default 24)")
        int hours;

        @Option(names = "--slow-only", description = "only runs slower than 3 s")
        boolean slowOnly;

        @Override
        public Integer call() {
            List<RunRecord> runs = new RunsService(
                            context().database(), context().cache())
                    .recent(
                            context().clock().instant(),
                            Duration.ofHours(OptionRanges.between("--hours", hours, 1, 87_600)),
                            slowOnly ? 3000 : 0);
            out().result(
                            runs,
                            () -> out().table(
                                            List.of(
                                                    "id",
                                                    "started",
                                                    "status",
                                                    "htf/trading",
                                                    "symbols",
                                                    "failed",
                                                    "stale",
                                                    "too short",
                                                    "signals",
                                                    "load ms (Σ workers)",
                                                    "analyse ms (Σ workers)",
                                                    "persist ms",
                                                    "alerts ms",
                                                    "total ms",
                                                    "settings"),
                                            runs.stream()
                                                    .map(r -> List.of(
                                                            Long.toString(r.id()),
                                                            r.startedAt().toString(),
                                                            r.status().code(),
                                                            r.htf() + "/" + r.trading(),
                                                            Integer.toString(r.requested()),
                                                            Integer.toString(r.failed()),
                                                            Integer.toString(r.staleSymbols()
                                                                    .size()),
                                                            Integer.toString(r.shortHistory()
                                                                    .size()),
                                                            Integer.toString(r.signals()),
                                                            ms(r.loadMs()),
                                                            ms(r.analyseMs()),
                                                            ms(r.persistMs()),
                                                            ms(r.alertsMs()),
                                                            ms(r.durationMs()),
                                                            SignalSettings.line(r.settings())))
                                                    .toList()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "signals", description = "Latest signals (superseded ones left out).")
    public static final class Signals extends BaseCommand {
        @Option(names = "--limit", defaultValue = "20", description = "most signals shown (default 20)")
        int limit;

        @Option(
                names = "--min-confidence",
                defaultValue = "0",
                description = "least confidence shown, 0..1 (default 0)")
        double minConfidence;

        @Option(names = "--symbol", description = "only this ticker")
        String symbol;

        @Option(names = "--direction", description = "long or short (entries and their exits)")
        String direction;

        @Option(names = "--timeframe", description = "only signals at this trading timeframe (1m … 1w)")
        String timeframe;

        @Option(names = "--run", description = "only the signals this prediction run stored")
        Long run;

        @Override
        public Integer call() {
            OptionRanges.between("--limit", limit, 1, 100_000);
            if (run != null) {
                OptionRanges.between("--run", run, 1, Integer.MAX_VALUE);
            }
            if (direction != null && !List.of("long", "short").contains(direction)) {
                throw new BadArgumentException("--direction", direction, "--direction must be long or short");
            }
            // the same service method as GET /api/v1/signals
            List<StoredSignal> list = new SignalsService(
                            context().database(), context().cache())
                    .signals(new SignalQuery(
                            symbol,
                            timeframe == null
                                    ? null
                                    : OptionRanges.timeframe("--timeframe", timeframe)
                                            .code(),
                            null,
                            OptionRanges.between("--min-confidence", minConfidence, 0, 1),
                            direction,
                            limit,
                            0,
                            run))
                    .items();
            out().result(list, () -> print(out(), list));
            return ExitCodes.OK;
        }

        public static void print(Output o, List<StoredSignal> list) {
            o.table(
                    List.of(
                            "id",
                            "run",
                            "symbol",
                            "tf",
                            "time",
                            "type",
                            "entry",
                            "stop",
                            "target",
                            "confidence",
                            "tier",
                            "p(win)",
                            "outcome",
                            "reason"),
                    list.stream()
                            .map(s -> List.of(
                                    Long.toString(s.id()),
                                    Long.toString(s.runId()),
                                    s.symbol(),
                                    s.timeframe(),
                                    s.ts().toString(),
                                    s.type(),
                                    num(s.entry()),
                                    num(s.stop()),
                                    num(s.target()),
                                    String.format(Locale.ROOT, "%.2f", s.confidence()),
                                    s.tier() == null ? "" : s.tier(),
                                    SignalText.probability(
                                            s.winProbability(),
                                            s.winProbabilityLower(),
                                            s.calibrationDecided(),
                                            s.calibrationScope()),
                                    s.outcome() == null ? "-" : s.outcome(),
                                    java.util.Objects.requireNonNullElse(
                                            io.dgas.app.service.SignalsService.reasonLine(s.reasons()), "-")))
                            .toList());
        }
    }

    @Command(
            name = "calibration",
            description = "Outcomes of past entry signals (win/loss/neutral/pending/not filled).")
    static final class Calibration extends BaseCommand {
        @Option(names = "--days", defaultValue = "7", description = "signals of the last N days (default 7)")
        int days;

        @Override
        public Integer call() {
            CalibrationJob.Report r = new io.dgas.app.service.SignalsService(
                            context().database(), context().cache())
                    .calibration(context().clock().instant(), OptionRanges.between("--days", days, 1, 36_500));
            out().result(r, () -> {
                // Java's map renderings ({PENDING=31}) before
                out().line(r.signals() + " entry signals in the last " + days + " days: " + Output.pairs(r.outcomes()));
                out().line("win rate of decided signals: "
                        + (Double.isNaN(r.winRate()) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * r.winRate())));
                r.byGroup().forEach((g, counts) -> out().line("  " + g + ": " + Output.pairs(counts)));
                out().line("by settings (the runs' signal parameters other than the defaults):");
                r.bySettings()
                        .forEach(g -> out().line("  " + g.settings() + ": " + g.signals() + " signals, "
                                + Output.pairs(g.outcomes()) + "; win rate "
                                + (g.winRate() == null
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.1f %%", 100 * g.winRate()))));
            });
            return ExitCodes.OK;
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String num(Double v) {
        return v == null || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
