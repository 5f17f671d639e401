package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.app.quality.DataChecks;
import io.dgas.app.service.Page;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas data check}: one series' bars outside its market's hours, price spikes and flat runs, or how many of
 * each every symbol's series at a timeframe has.
 */
@Command(
        name = "check",
        description = "Checks a stored series' bars (--symbol), or every symbol's series at --interval (how many of"
                + " each finding, the most first): bars stored while its market was closed (by its exchange"
                + " calendar, as data gaps judges; with the shift by whole hours that would put nine in ten in its"
                + " hours, the mark of times read in the wrong zone), close-to-close returns beyond --spike-sigma"
                + " robust standard deviations (and whether the next bar took them back), and runs of --flat-bars"
                + " bars or more that did not trade (open = high = low = close, no volume).")
final class DataCheckCommand extends BaseCommand {
    @Option(names = "--symbol", description = "one symbol's series (default: an overview of every symbol's)")
    String symbol;

    @Option(names = "--interval", required = true, description = "the series' timeframe")
    String interval;

    @Option(names = "--from", description = "first ts included (date or ISO-8601 date-time)")
    String from;

    @Option(names = "--to", description = "first ts excluded")
    String to;

    @Option(
            names = "--spike-sigma",
            defaultValue = "" + DataChecks.DEFAULT_SPIKE_SIGMA,
            description = "a spike's return in robust standard deviations (2..1000, default 10)")
    double spikeSigma;

    @Option(
            names = "--flat-bars",
            defaultValue = "" + DataChecks.DEFAULT_FLAT_BARS,
            description = "the shortest run of bars that did not trade listed (2..1000000, default 5)")
    int flatBars;

    @Option(
            names = "--limit",
            defaultValue = "20",
            description = "findings listed of each kind, or series in the overview (1..10000, default 20)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "series skipped before the first listed (overview)")
    int offset;

    @Override
    public Integer call() {
        Timeframe tf = OptionRanges.timeframe("--interval", interval);
        OptionRanges.between("--spike-sigma", spikeSigma, DataChecks.MIN_SPIKE_SIGMA, DataChecks.MAX_SPIKE_SIGMA);
        OptionRanges.between("--flat-bars", flatBars, DataChecks.MIN_FLAT_BARS, DataChecks.MAX_FLAT_BARS);
        OptionRanges.between("--limit", limit, 1, 10_000);
        OptionRanges.between("--offset", offset, 0, Integer.MAX_VALUE);
        Instant start = DataCommand.Selecting.instant("--from", from);
        Instant end = DataCommand.Selecting.instant("--to", to);
        DataCommand.Selecting.requireRange(start, end, from, to);
        DataChecks checks = context().checks();
        if (symbol == null) {
            Page<DataChecks.SeriesCheck> page = checks.universe(tf, start, end, spikeSigma, flatBars, limit, offset);
            out().result(page, () -> renderUniverse(page, tf));
            return ExitCodes.OK;
        }
        DataChecks.Report r =
                checks.check(symbol.trim().toUpperCase(Locale.ROOT), tf, start, end, spikeSigma, flatBars, limit);
        out().result(r, () -> render(r));
        return ExitCodes.OK;
    }

    private void renderUniverse(Page<DataChecks.SeriesCheck> page, Timeframe tf) {
        out().table(
                        List.of("symbol", "market", "bars", "outside hours", "spikes", "flat runs", "first", "last"),
                        page.items().stream()
                                .map(c -> List.of(
                                        c.symbol(),
                                        c.market(),
                                        Long.toString(c.bars()),
                                        c.outsideHours() == null
                                                ? DataGapsCommand.NO_CALENDAR
                                                : c.outsideHours()
                                                        + (c.shiftHours() == null
                                                                ? ""
                                                                : String.format(
                                                                        Locale.ROOT,
                                                                        " (shift %+d h?)",
                                                                        c.shiftHours())),
                                        Long.toString(c.spikes()),
                                        Long.toString(c.flatRuns()),
                                        c.first().toString(),
                                        c.last().toString()))
                                .toList());
        long flagged = page.items().stream().filter(c -> c.findings() > 0).count();
        out().line(page.total() + " series at " + tf.code()
                + (page.total() == 0
                        ? ""
                        : "; " + flagged
                                + " of those listed with findings (dgas data check --symbol S --interval " + tf.code()
                                + " lists them)")
                + (page.nextOffset() == null ? "" : "; more with --offset " + page.nextOffset()));
    }

    private void render(DataChecks.Report r) {
        if (r.bars() == 0) {
            out().line(r.symbol() + " " + r.interval() + ": no bars stored in the range");
            return;
        }
        out().line(String.format(
                Locale.ROOT,
                "%s %s (%s calendar): %d bar(s) checked from %s to %s",
                r.symbol(),
                r.interval(),
                r.market(),
                r.bars(),
                r.first(),
                r.last()));
        DataChecks.OutsideHours o = r.outsideHours();
        if (o == null) {
            out().line("outside the market's hours: not judged (no calendar for this exchange here)");
        } else {
            out().line("outside the market's hours: " + o.count()
                    + (o.first().isEmpty()
                            ? ""
                            : ", the first: "
                                    + String.join(
                                            ", ",
                                            o.first().stream()
                                                    .map(Instant::toString)
                                                    .toList())));
            if (o.advice() != null) {
                out().line("  " + o.advice());
            }
        }
        DataChecks.Spikes s = r.spikes();
        out().line(String.format(
                Locale.ROOT,
                "spikes (returns beyond %s robust sd, sd %s): %d",
                plain(s.threshold()),
                s.sigma() == null ? "unknown below 3 bars" : String.format(Locale.ROOT, "%.6f", s.sigma()),
                s.count()));
        if (!s.items().isEmpty()) {
            out().table(
                            List.of("ts", "close", "sd", "taken back"),
                            s.items().stream()
                                    .map(x -> List.of(
                                            x.ts().toString(),
                                            plain(x.close()),
                                            String.format(Locale.ROOT, "%+.1f", x.sigmas()),
                                            x.reverted() ? "yes" : "no"))
                                    .toList());
        }
        DataChecks.FlatRuns f = r.flatRuns();
        out().line("runs of " + f.minBars() + "+ bars that did not trade: " + f.count());
        if (!f.items().isEmpty()) {
            out().table(
                            List.of("from", "to", "bars"),
                            f.items().stream()
                                    .map(x ->
                                            List.of(x.from().toString(), x.to().toString(), Integer.toString(x.bars())))
                                    .toList());
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
