package io.dgas.app.cli.ingest;

import io.dgas.app.cli.*;
import io.dgas.app.gaps.DataGaps;
import io.dgas.app.service.Page;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas data gaps}: one series' missing bars, or the overview of every symbol's series at a timeframe. */
@Command(
        name = "gaps",
        description = "Bars missing from a series (--symbol) or from every symbol's series at --interval, most"
                + " missing first: between stored bars, the bar intervals in which the symbol's market was open"
                + " (crypto around the clock, forex the foreign-exchange week, tickers of London, Xetra, Euronext,"
                + " SIX, Toronto, the ASX and Hong Kong their exchanges' sessions, others the US equities session;"
                + " each with its holidays; a ticker of another exchange the API names, such as .KO or .NSE, has no"
                + " calendar here and is not judged).")
final class DataGapsCommand extends BaseCommand {
    /**
     * The overviews' cell of a series whose exchange has no calendar here (its gaps and hours are not judged; data
     * check's overview says it too).
     */
    static final String NO_CALENDAR = "no calendar";

    @Option(names = "--symbol", description = "one symbol's gaps (default: an overview of every symbol)")
    String symbol;

    @Option(names = "--interval", description = "the series' timeframe (required)")
    String interval;

    @Option(names = "--from", description = "first ts included (date or ISO-8601 date-time)")
    String from;

    @Option(names = "--to", description = "first ts excluded")
    String to;

    @Option(names = "--limit", defaultValue = "100", description = "gaps (or series) listed (1..10000, default 100)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "gaps (or series) skipped before the first listed")
    int offset;

    @Override
    public Integer call() {
        if (interval == null) {
            throw new BadArgumentException("--interval", null, "--interval is required: gaps are judged per timeframe");
        }
        Timeframe tf = OptionRanges.timeframe("--interval", interval);
        OptionRanges.between("--limit", limit, 1, 10_000);
        OptionRanges.between("--offset", offset, 0, Integer.MAX_VALUE);
        Instant start = DataCommand.Selecting.instant("--from", from);
        Instant end = DataCommand.Selecting.instant("--to", to);
        DataCommand.Selecting.requireRange(start, end, from, to);
        DataGaps gaps = context().gaps();
        if (symbol == null) {
            Page<DataGaps.SeriesGaps> page = gaps.universe(tf, start, end, limit, offset);
            out().result(page, () -> {
                out().table(
                                List.of("symbol", "market", "bars", "missing", "gaps", "coverage", "first", "last"),
                                page.items().stream()
                                        .map(g -> List.of(
                                                g.symbol(),
                                                g.market(),
                                                Long.toString(g.bars()),
                                                g.missing() == null ? NO_CALENDAR : Long.toString(g.missing()),
                                                g.gaps() == null ? NO_CALENDAR : Long.toString(g.gaps()),
                                                g.coverage() == null
                                                        ? NO_CALENDAR
                                                        : String.format(Locale.ROOT, "%.2f %%", 100 * g.coverage()),
                                                g.first().toString(),
                                                g.last().toString()))
                                        .toList());
                out().line(page.total() + " series at " + tf.code()
                        + (page.nextOffset() == null ? "" : "; more with --offset " + page.nextOffset()));
            });
            return ExitCodes.OK;
        }
        DataGaps.Report r = gaps.find(symbol.trim().toUpperCase(Locale.ROOT), tf, start, end, limit, offset);
        out().result(r, () -> {
            out().table(
                            List.of("from", "to", "missing"),
                            r.gaps().items().stream()
                                    .map(g ->
                                            List.of(g.from().toString(), g.to().toString(), Long.toString(g.missing())))
                                    .toList());
            out().line(summary(r));
        });
        return ExitCodes.OK;
    }

    private static String summary(DataGaps.Report r) {
        if (r.bars() == 0) {
            return r.symbol() + " " + r.interval() + ": no bars stored in the range";
        }
        return String.format(
                Locale.ROOT,
                "%s %s (%s calendar): %d bar(s) from %s to %s, %d missing in %d gap(s), coverage %.2f %%%s",
                r.symbol(),
                r.interval(),
                r.market(),
                r.bars(),
                r.first(),
                r.last(),
                r.missing(),
                r.gaps().total(),
                100 * r.coverage(),
                r.gaps().nextOffset() == null
                        ? ""
                        : "; more with --offset " + r.gaps().nextOffset());
    }
}
