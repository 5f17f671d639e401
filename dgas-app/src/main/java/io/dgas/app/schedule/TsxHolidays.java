package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Toronto Stock Exchange's closures (also TSX Venture's and Cboe Canada's): New Year's Day, Family Day (the third
 * Monday of February, since 2008), Good Friday, Victoria Day (the last Monday before 25 May), Canada Day (1 July),
 * the Civic Holiday (the first Monday of August), Labour Day (the first Monday of September), Thanksgiving (the
 * second Monday of October), Christmas Day and Boxing Day; New Year's Day and Canada Day on a weekend move to the
 * Monday after, Christmas and Boxing Day to the next free weekdays ({@link HolidayRules#christmasAndBoxingDay});
 * closed on 11 and 12 September 2001; early close at 13:00 Toronto on 24 December when it is a weekday (since 2010).
 *
 * <p>Design notes: the National Day for Truth and Reconciliation (30 September) is a federal holiday on which the
 * exchange trades, as it did on the day of Queen Elizabeth II's funeral.
 */
public final class TsxHolidays {
    private static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);
    private static final int FAMILY_DAY_SINCE = 2008;
    private static final int EARLY_CLOSE_SINCE = 2010;

    private TsxHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            out.add(HolidayRules.nextWeekday(LocalDate.of(y, 1, 1), out));
            if (y >= FAMILY_DAY_SINCE) {
                out.add(HolidayRules.nth(y, 2, DayOfWeek.MONDAY, 3));
            }
            out.add(UsEquityHolidays.easter(y).minusDays(2));
            out.add(LocalDate.of(y, 5, 24).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            out.add(HolidayRules.nextWeekday(LocalDate.of(y, 7, 1), out));
            out.add(HolidayRules.nth(y, 8, DayOfWeek.MONDAY, 1));
            out.add(HolidayRules.nth(y, 9, DayOfWeek.MONDAY, 1));
            out.add(HolidayRules.nth(y, 10, DayOfWeek.MONDAY, 2));
            HolidayRules.christmasAndBoxingDay(y, out);
            if (y == 2001) {
                out.add(LocalDate.of(2001, 9, 11));
                out.add(LocalDate.of(2001, 9, 12));
            }
        }
        return out;
    }

    /** The early closes of the years {@code from} to {@code to}: date → the session's end (13:00 Toronto). */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to) {
        return HolidayRules.weekdayCloses(Math.max(from, EARLY_CLOSE_SINCE), to, EARLY_CLOSE, MonthDay.of(12, 24));
    }
}
