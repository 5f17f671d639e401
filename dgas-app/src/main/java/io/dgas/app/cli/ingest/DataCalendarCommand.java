package io.dgas.app.cli.ingest;

import io.dgas.app.calendar.Calendars;
import io.dgas.app.cli.*;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas data calendar}: the exchange calendars bars are judged by, or one's closures in a year. */
@Command(
        name = "calendar",
        description = "The exchange calendars bars are judged by (code, market, zone, session, midday break, shipped or"
                + " your calendars.dir), or with --exchange the weekdays that exchange is closed and the days it closes"
                + " early in --year, to check against the exchange's own list.")
final class DataCalendarCommand extends BaseCommand {
    @Option(names = "--exchange", description = "the market-data API's exchange code (HK, LSE, US, FOREX, ...)")
    String exchange;

    @Option(names = "--year", description = "the year (1970..2099, default this year)")
    Integer year;

    @Override
    public Integer call() {
        Calendars calendars = context().calendars();
        if (exchange == null) {
            List<Calendars.Summary> all = calendars.list();
            out().result(
                            all,
                            () -> out().table(
                                            List.of("exchange", "market", "zone", "session", "break", "source"),
                                            all.stream()
                                                    .map(DataCalendarCommand::row)
                                                    .toList()));
            return ExitCodes.OK;
        }
        int y = year != null ? year : LocalDate.now(context().clock()).getYear();
        OptionRanges.between("--year", y, Calendars.MIN_YEAR, Calendars.MAX_YEAR);
        Calendars.Year r = calendars.year(exchange, y);
        out().result(r, () -> {
            out().table(
                            List.of("exchange", "market", "zone", "session", "break", "source"),
                            List.of(row(r.calendar())));
            out().line(r.year() + ": " + r.closed().size() + " weekday(s) closed, "
                    + r.earlyCloses().size() + " early close(s)");
            out().table(
                            List.of("closed", "day"),
                            r.closed().stream()
                                    .map(d -> List.of(d.date().toString(), d.weekday()))
                                    .toList());
            if (!r.earlyCloses().isEmpty()) {
                out().table(
                                List.of("closes early", "day", "at"),
                                r.earlyCloses().stream()
                                        .map(e -> List.of(
                                                e.date().toString(),
                                                e.weekday(),
                                                e.closes().toString()))
                                        .toList());
            }
        });
        return ExitCodes.OK;
    }

    private static List<String> row(Calendars.Summary s) {
        return List.of(
                s.exchange(),
                s.market(),
                s.zone(),
                s.session(),
                s.lunchBreak() == null ? "-" : s.lunchBreak(),
                s.source());
    }
}
