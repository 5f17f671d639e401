package io.dgas.app.schedule;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/**
 * The SIX Swiss Exchange's (Zurich) closures: New Year's Day, Berchtold's Day (2 January), Good Friday, Easter Monday,
 * Labour Day (1 May), Ascension Day, Whit Monday, the National Day (1 August), Christmas Eve, Christmas Day, St
 * Stephen's Day and New Year's Eve, on the dates themselves (one on a weekend is not moved).
 */
public final class SixHolidays {
    private SixHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        return HolidayRules.onDates(
                from,
                to,
                List.of(-2, 1, 39, 50),
                MonthDay.of(1, 1),
                MonthDay.of(1, 2),
                MonthDay.of(5, 1),
                MonthDay.of(8, 1),
                MonthDay.of(12, 24),
                MonthDay.of(12, 25),
                MonthDay.of(12, 26),
                MonthDay.of(12, 31));
    }
}
