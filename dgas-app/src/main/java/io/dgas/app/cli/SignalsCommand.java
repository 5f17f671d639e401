package io.dgas.app.cli;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.evaluate.SignalEvaluation;
import io.dgas.app.service.AnalysisService;
import io.dgas.calc.drummond.EvaluationReport;
import io.dgas.domain.Timeframe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dgas signals …}: what past signals were worth. */
@Command(
        name = "signals",
        description = "Signals: replay and evaluate past ones.",
        subcommands = {SignalsCommand.Evaluate.class})
final class SignalsCommand {

    /** [C] {@code dgas signals evaluate}: a thin adapter over {@link SignalEvaluation#evaluate}. */
    @Command(
            name = "evaluate",
            description = "Replay stored bars bar by bar and report fill rate, wins, losses, expectancy in R with its"
                    + " 95 %% interval and the calibration table, by type, tier and score decile.")
    static final class Evaluate extends BaseCommand {
        @Option(names = "--symbols", split = ",", description = "symbols (default: the active universe)")
        List<String> symbols;

        @Option(names = "--all", description = "the whole active universe (the default)")
        boolean all;

        @Option(names = "--from", description = "first day whose signals count (UTC date, default: the first bar)")
        String from;

        @Option(names = "--to", description = "day after the last whose signals count (UTC date, default: none)")
        String to;

        @Option(names = "--htf", description = "higher timeframe (default cycle.htf)")
        String htf;

        @Option(names = "--trading", description = "trading timeframe (default cycle.trading)")
        String trading;

        @Option(names = "--cost-bps", defaultValue = "0", description = "round-trip cost in basis points of the entry")
        double costBps;

        @Option(names = "--csv", description = "also write the groups as CSV to this file")
        Path csv;

        @Mixin
        SignalOptions signalOptions = new SignalOptions();

        @Override
        public Integer call() throws IOException {
            if (all && symbols != null) {
                throw new BadArgumentException("give either --symbols or --all, not both");
            }
            if (csv != null) {
                OutputFile.check("--csv", csv);
            }
            if (!(costBps >= 0 && costBps <= 10_000)) {
                throw new BadArgumentException("--cost-bps", String.valueOf(costBps), "--cost-bps must be 0 to 10000");
            }
            Instant f = day("--from", from);
            Instant t = day("--to", to);
            if (f != null && t != null && !f.isBefore(t)) {
                throw new BadArgumentException("--to", to, "--to must be after --from");
            }
            Timeframe tradingTf = CycleCommand.timeframe("--trading", trading, config().timeframe(ConfigKeys.TRADING));
            Timeframe higher = AnalysisService.higherFor(
                    CycleCommand.timeframe("--htf", htf, null),
                    trading != null ? tradingTf : null,
                    config().timeframe(ConfigKeys.HTF));
            SignalEvaluation.Request request = new SignalEvaluation.Request(
                    symbols == null
                            ? null
                            : symbols.stream()
                                    .map(s -> s.trim().toUpperCase(Locale.ROOT))
                                    .toList(),
                    f,
                    t,
                    higher,
                    tradingTf,
                    signalOptions.params(config()),
                    costBps);
            ProgressLine progress = new ProgressLine(out());
            SignalEvaluation.Result r;
            try {
                r = context().signalEvaluation().evaluate(request, progress);
            } finally {
                progress.done();
            }
            if (csv != null) {
                OutputFile.write("--csv", csv, w -> {
                    w.write(csv(r.report()));
                    return null;
                });
            }
            out().result(r, () -> EvaluationText.print(out(), r));
            return ExitCodes.OK;
        }

        private static Instant day(String option, String v) {
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadArgumentException(option, v, option + " must be a date such as 2024-01-31");
            }
        }
    }

    /** The groups of {@code r} as CSV, one row per group. */
    static String csv(EvaluationReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("group,signals,filled,not_filled,wins,losses,time_exits,pending,fill_rate,avg_r,expectancy_r,"
                + "expectancy_low,expectancy_high");
        for (EvaluationReport.Group g : r.groups()) {
            lines.add(String.join(
                    ",",
                    g.key(),
                    Integer.toString(g.signals()),
                    Integer.toString(g.filled()),
                    Integer.toString(g.notFilled()),
                    Integer.toString(g.wins()),
                    Integer.toString(g.losses()),
                    Integer.toString(g.timeExits()),
                    Integer.toString(g.pending()),
                    EvaluationText.num(g.fillRate()),
                    EvaluationText.num(g.avgR()),
                    EvaluationText.num(g.expectancy()),
                    EvaluationText.num(g.expectancyLow()),
                    EvaluationText.num(g.expectancyHigh())));
        }
        return String.join("\n", lines) + "\n";
    }
}
