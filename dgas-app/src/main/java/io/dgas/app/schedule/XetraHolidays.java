package io.dgas.app.schedule;

import java.time.LocalDate;
import java.util.HashSet;
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
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            LocalDate easter = UsEquityHolidays.easter(y);
            out.addAll(List.of(
                    LocalDate.of(y, 1, 1),
                    easter.minusDays(2),
                    easter.plusDays(1),
                    LocalDate.of(y, 5, 1),
                    LocalDate.of(y, 12, 24),
                    LocalDate.of(y, 12, 25),
                    LocalDate.of(y, 12, 26),
                    LocalDate.of(y, 12, 31)));
        }
        return out;
    }
}
