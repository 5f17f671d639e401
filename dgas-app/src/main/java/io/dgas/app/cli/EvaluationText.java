package io.dgas.app.cli;

import io.dgas.app.evaluate.SignalEvaluation;
import io.dgas.calc.drummond.EvaluationReport;
import java.util.List;
import java.util.Locale;

/** The human output of {@code dgas signals evaluate}. */
final class EvaluationText {
    private EvaluationText() {}

    static void print(Output o, SignalEvaluation.Result r) {
        EvaluationReport e = r.report();
        o.line(r.symbols().size() + " symbols replayed ("
                + r.request().trading().code() + " with " + r.request().htf().code() + "), cost "
                + num(r.request().costBps()) + " bps round trip");
        r.skipped().forEach((s, why) -> o.line("  skipped " + s + ": " + why));
        o.table(
                List.of(
                        "group",
                        "signals",
                        "filled",
                        "fill rate",
                        "wins",
                        "losses",
                        "time exits",
                        "pending",
                        "avg R",
                        "expectancy R (95 %)"),
                e.groups().stream()
                        .map(g -> List.of(
                                g.key(),
                                Integer.toString(g.signals()),
                                Integer.toString(g.filled()),
                                pct(g.fillRate()),
                                Integer.toString(g.wins()),
                                Integer.toString(g.losses()),
                                Integer.toString(g.timeExits()),
                                Integer.toString(g.pending()),
                                num(g.avgR()),
                                num(g.expectancy()) + " [" + num(g.expectancyLow()) + ", " + num(g.expectancyHigh())
                                        + "]"))
                        .toList());
        o.line("");
        o.line("issue-time violations: " + e.violations() + "; median entry distance: " + num(e.medianEntryAtr())
                + " ATR");
        if (e.calibration().isEmpty()) {
            o.line("calibration: no decided signal carried a probability (each score decile needs "
                    + r.request().signals().minCalibrated() + " decided outcomes first)");
            return;
        }
        o.line("calibration (" + e.calibratedDecided() + " decided signals with a probability), Brier " + num(e.brier())
                + ":");
        o.table(
                List.of("predicted", "n", "mean predicted", "observed"),
                e.calibration().stream()
                        .map(c -> List.of(
                                String.format(Locale.ROOT, "%.1f–%.1f", c.from(), c.from() + 0.1),
                                Integer.toString(c.n()),
                                num(c.predicted()),
                                num(c.observed())))
                        .toList());
    }

    static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
