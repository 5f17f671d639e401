package io.dgas.app.schedule;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/**
 * Xetra's (Deutsche Börse, Frankfurt) closures by its trading calendar's rules: New Year's Day, Good Friday, Easter
 * Monday, Labour Day (1 May), Christmas Eve, Christmas Day, Boxing Day and New Year's Eve, on the dates themselves (one
 * on a weekend is not moved). Whit Monday and the Day of German Unity are trading days.
 *
 * <p>Design notes: the rules are the exchange's calendar of recent years; in the early 2000s Xetra also closed on a few
 * of the days it now trades, which only those years' bars on those days would show as missing.
 */
public final class XetraHolidays {
    private XetraHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        return HolidayRules.onDates(
                from,
                to,
                List.of(-2, 1),
                MonthDay.of(1, 1),
                MonthDay.of(5, 1),
                MonthDay.of(12, 24),
                MonthDay.of(12, 25),
                MonthDay.of(12, 26),
                MonthDay.of(12, 31));
    }
}
