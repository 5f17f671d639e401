package io.dgas.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dgas.app.AppContext;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.CycleSummary;
import io.dgas.app.cycle.SignalText;
import io.dgas.app.service.BadInputException;
import io.dgas.calc.drummond.Signal;
import io.dgas.domain.Timeframe;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunStatus;
import io.dgas.store.runs.SignalWrites;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas cycle}: one prediction cycle now, over a list of symbols or the whole active universe. */
@Command(name = "cycle", description = "Run one prediction cycle: load, analyse, store signals, evaluate alerts.")
final class CycleCommand extends BaseCommand {
    @Option(names = "--symbols", split = ",", description = "symbols (default: the active universe)")
    List<String> symbols;

    @Option(names = "--all", description = "the whole active universe (the default)")
    boolean all;

    @Option(names = "--htf", description = "higher timeframe (default cycle.htf, 4h)")
    String htf;

    @Option(names = "--trading", description = "trading timeframe (default cycle.trading, 1h)")
    String trading;

    @Option(names = "--lookback", description = "trading bars per symbol (default cycle.lookback_bars, 200)")
    Integer lookback;

    @picocli.CommandLine.Mixin
    SignalOptions signalOptions = new SignalOptions();

    @Override
    public Integer call() {
        if (all && symbols != null) {
            throw new BadArgumentException("give either --symbols or --all, not both");
        }
        CycleResult r = run(
                context(),
                symbols,
                htf,
                trading,
                lookback,
                signalOptions.params(context().config()));
        Output o = out();
        o.result(model(r), () -> print(o, r));
        return r.run().status() == RunStatus.FAILED ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Runs a cycle with the configuration's defaults for what is not given; also used by {@code dgas demo}. */
    static CycleResult run(
            AppContext ctx,
            List<String> symbols,
            String htf,
            String trading,
            Integer lookback,
            io.dgas.calc.drummond.SignalParams signals) {
        // the command prints each paper session's part in its summary: the log's line (the record of serve and the
        // scheduler) would say it twice, except with -v
        Logger paperLog = (Logger) LoggerFactory.getLogger("io.dgas.paper");
        if (!paperLog.isDebugEnabled()) {
            paperLog.setLevel(Level.WARN);
        }
        try {
            return ctx.cycles()
                    .run(
                            symbols,
                            OptionRanges.timeframe("--htf", htf),
                            OptionRanges.timeframe("--trading", trading),
                            lookback,
                            signals);
        } catch (BadInputException e) {
            throw new BadArgumentException("--" + e.parameter(), e.value(), e.getMessage());
        }
    }

    /** {@code value} parsed as a timeframe for {@code option}, else {@code fallback}. */
    static Timeframe timeframe(String option, String value, Timeframe fallback) {
        Timeframe t = OptionRanges.timeframe(option, value);
        return t == null ? fallback : t;
    }

    static Map<String, Object> model(CycleResult r) {
        return CycleSummary.model(r);
    }

    /** Prints the signals table, the run summary with stage times and each paper session's part. */
    static void print(Output o, CycleResult r) {
        if (r.signals().isEmpty()) {
            o.line("no signals this cycle");
        } else {
            o.table(
                    List.of(
                            "symbol",
                            "time",
                            "type",
                            "entry",
                            "stop",
                            "target",
                            "confidence",
                            "tier",
                            "p(win)",
                            "reason"),
                    r.signals().stream()
                            .sorted(java.util.Comparator.comparingDouble(Signal::rank)
                                    .reversed())
                            .limit(20)
                            .map(s -> List.of(
                                    s.symbol(),
                                    Instant.ofEpochSecond(s.ts()).toString(),
                                    SignalWrites.code(s.type()),
                                    f(s.entry()),
                                    f(s.stop()),
                                    f(s.target()),
                                    String.format(Locale.ROOT, "%.2f", s.confidence()),
                                    s.tier().name().toLowerCase(Locale.ROOT),
                                    SignalText.probability(s),
                                    io.dgas.calc.drummond.ReasonText.of(s)))
                            .toList());
        }
        if (r.signals().size() > 20) {
            o.line("... " + (r.signals().size() - 20) + " more (strongest 20 shown; dgas monitor signals lists all)");
        }
        RunRecord run = r.run();
        o.line("");
        o.line(String.format(
                Locale.ROOT,
                "run %d %s: %d symbols, %d processed, %d failed, %d stale, %d too short, %d signals",
                run.id(),
                run.status().code(),
                run.requested(),
                run.processed(),
                run.failed(),
                run.staleSymbols().size(),
                run.shortHistory().size(),
                run.signals()));
        o.line(String.format(
                Locale.ROOT,
                "stages: load %.0f ms and analyse %.0f ms (each summed over the workers), persist %.0f ms,"
                        + " alerts %.0f ms; total %.0f ms (wall clock)",
                run.loadMs(),
                run.analyseMs(),
                run.persistMs(),
                run.alertsMs(),
                run.durationMs()));
        String settings = io.dgas.app.cycle.SignalSettings.line(run.settings());
        if (!settings.equals("defaults") && !run.settings().isEmpty()) {
            o.line("settings (other than the defaults): " + settings);
        }
        for (var a : r.paper()) {
            o.line(String.format(
                    Locale.ROOT,
                    "paper session %d (portfolio %d): %d orders placed, %d refused, %d fills, %d exits; equity %s",
                    a.sessionId(),
                    a.portfolioId(),
                    a.placed(),
                    a.rejected(),
                    a.fills(),
                    a.exits(),
                    CycleSummary.equity(a)));
        }
        run.errors().entrySet().stream().limit(10).forEach(e -> o.line("  failed " + e.getKey() + ": " + e.getValue()));
        run.shortHistory().entrySet().stream()
                .limit(10)
                .forEach(e -> o.line("  too short a history (not analysed) " + e.getKey() + ": " + e.getValue()));
        if (!run.staleSymbols().isEmpty()) {
            o.line("  stale (no signal): "
                    + String.join(
                            ", ",
                            run.staleSymbols()
                                    .subList(0, Math.min(10, run.staleSymbols().size())))
                    + (run.staleSymbols().size() > 10 ? ", ..." : ""));
        }
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
