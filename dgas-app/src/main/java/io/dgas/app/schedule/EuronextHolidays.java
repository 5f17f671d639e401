package io.dgas.app.schedule;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closures of Euronext's cash markets (Paris, Amsterdam, Brussels, Lisbon: one harmonised calendar): New Year's
 * Day, Good Friday, Easter Monday, Labour Day (1 May), Christmas Day and Boxing Day, on the dates themselves (one on a
 * weekend is not moved); half days to 14:05 Paris on 24 and 31 December when they are weekdays.
 *
 * <p>Design notes: the rules of the calendar Euronext publishes each year (its 2019 announcement lists exactly these
 * six days and two half days); before the harmonisation of 2002 Amsterdam also closed on a few other days, which only
 * those years' bars on those days would show as missing.
 */
public final class EuronextHolidays {
    private static final LocalTime HALF_DAY = LocalTime.of(14, 5);

    private EuronextHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        return HolidayRules.onDates(
                from,
                to,
                List.of(-2, 1),
                MonthDay.of(1, 1),
                MonthDay.of(5, 1),
                MonthDay.of(12, 25),
                MonthDay.of(12, 26));
    }

    /** The half days of the years {@code from} to {@code to}: date → the session's end (14:05 Paris). */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to) {
        return HolidayRules.weekdayCloses(from, to, HALF_DAY, MonthDay.of(12, 24), MonthDay.of(12, 31));
    }
}
