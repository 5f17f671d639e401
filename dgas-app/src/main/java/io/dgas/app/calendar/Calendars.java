package io.dgas.app.calendar;

import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.service.BadInputException;
import io.dgas.app.stream.MarketHours;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What dgas takes each exchange's calendar to be, so that it can be checked against the exchange's own list: the
 * zone, session and midday break, where the calendar comes from (shipped or the user's {@code calendars.dir}), and
 * for one year the weekdays it is closed and the days it closes early. The forex week is listed by its code too.
 */
public final class Calendars {
    /** The code of the forex week ({@link MarketHours#EXCHANGES}). */
    private static final String FOREX = "FOREX";

    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 2099;

    private final MarketHours hours;

    public Calendars(MarketHours hours) {
        this.hours = hours;
    }

    /**
     * One exchange's calendar.
     *
     * @param session the day's session, local time ({@code 09:30-16:00}; the forex week's {@code 17:00-17:00} opens the
     *     evening before)
     * @param lunchBreak the midday break, null without one
     * @param source {@code shipped}, or {@code calendars.dir} for the user's
     */
    public record Summary(
            String exchange, String market, String zone, String session, String lunchBreak, String source) {}

    /** A closed weekday. */
    public record Day(LocalDate date, String weekday) {}

    /** A day the session ends early, at {@code closes} (local time). */
    public record EarlyClose(LocalDate date, String weekday, LocalTime closes) {}

    /** One exchange's calendar and, for {@code year}, its closed weekdays and early closes in date order. */
    public record Year(Summary calendar, int year, List<Day> closed, List<EarlyClose> earlyCloses) {}

    /** Every calendar here, the stock exchanges' by code, then the forex week. */
    public List<Summary> list() {
        List<Summary> out = new ArrayList<>();
        for (String code : codes()) {
            out.add(summary(code));
        }
        return out;
    }

    /**
     * The calendar of {@code exchange} (an exchange code, any case) with its closures in {@code year}.
     *
     * @throws BadInputException naming the exchange and the codes known, or the year and its range
     */
    public Year year(String exchange, int year) {
        String code = exchange == null ? "" : exchange.trim().toUpperCase(Locale.ROOT);
        if (!codes().contains(code)) {
            throw new BadInputException(
                    "exchange",
                    exchange,
                    "no calendar for the exchange " + exchange + "; calendars: " + String.join(", ", codes())
                            + " (a calendar of your own: calendars.dir)",
                    codes());
        }
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new BadInputException(
                    "year", Integer.toString(year), "year must be " + MIN_YEAR + " to " + MAX_YEAR, List.of());
        }
        ExchangeCalendar c = hours.calendarOf(MarketHours.ofExchange(code));
        List<Day> closed = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (!c.tradingDay(d) && !ExchangeCalendar.weekend(d)) {
                closed.add(new Day(d, weekday(d)));
            }
        }
        List<EarlyClose> early = new ArrayList<>();
        c.earlyCloses().entrySet().stream()
                .filter(e -> e.getKey().getYear() == year)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> early.add(new EarlyClose(e.getKey(), weekday(e.getKey()), e.getValue())));
        return new Year(summary(code), year, closed, early);
    }

    private List<String> codes() {
        List<String> out = new ArrayList<>(hours.exchanges());
        out.add(FOREX);
        return out;
    }

    private Summary summary(String code) {
        String market = MarketHours.ofExchange(code);
        ExchangeCalendar c = hours.calendarOf(market);
        return new Summary(
                code,
                market,
                c.zone().getId(),
                c.open() + "-" + c.close(),
                c.breakStart() == null ? null : c.breakStart() + "-" + c.breakEnd(),
                hours.isUsers(code) ? "calendars.dir" : "shipped");
    }

    private static String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }
}
