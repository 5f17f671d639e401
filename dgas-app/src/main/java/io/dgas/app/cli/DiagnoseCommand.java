package io.dgas.app.cli;

import io.dgas.store.health.Check;
import io.dgas.store.health.HealthSnapshot;
import io.dgas.store.health.Verdict;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code dgas diagnose}: every health check once; exit 1 when any is critical. */
@Command(name = "diagnose", description = "Run every health check once; exit 1 when one is critical.")
final class DiagnoseCommand extends BaseCommand {

    @Override
    public Integer call() {
        HealthSnapshot snap = context().health().evaluateNow();
        out().result(snap, () -> {
            printChecks(out(), snap.checks());
            out().line("");
            out().line("overall: " + snap.overall().code());
        });
        return snap.overall() == Verdict.CRITICAL ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void printChecks(Output out, List<Check> checks) {
        out.table(
                List.of("check", "value", "warn", "crit", "verdict", "detail"),
                checks.stream()
                        .map(c -> List.of(
                                c.name(),
                                value(c),
                                num(c.warning()),
                                num(c.critical()),
                                c.verdict().code(),
                                c.message()))
                        .toList());
    }

    /** The value with its unit; bytes (B, B/s) as sizes for people. */
    private static String value(Check c) {
        String unit = c.unit();
        if (!Double.isNaN(c.value()) && (unit.equals("B") || unit.equals("B/s"))) {
            return Output.size(Math.round(c.value())) + unit.substring(1);
        }
        return num(c.value()) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
