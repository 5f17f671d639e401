package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The London Stock Exchange's closures by the rules of the England and Wales bank holidays: New Year's Day, Good
 * Friday, Easter Monday, the early May bank holiday (the first Monday of May), the spring bank holiday (the last Monday
 * of May), the summer bank holiday (the last Monday of August), Christmas Day and Boxing Day, each falling on a weekend
 * moved to the next weekday not already a holiday; the years the government moved or added one ({@link #MOVED},
 * {@link #ADDED}); early closes at 12:30 London on 24 and 31 December when they are trading days.
 *
 * <p>Design notes: the substitutes follow the Banking and Financial Dealings Act 1971 as applied each year (Christmas
 * on a Saturday: the 27th and 28th; on a Sunday: Boxing Day the 26th and Christmas the 27th; Boxing Day on a Saturday:
 * the 28th). {@code MarketHoursTest} checks a year of each case against the published dates.
 */
public final class LseHolidays {
    /** Bank holidays moved from their rule's day: the rule's date → the date kept. */
    static final Map<LocalDate, LocalDate> MOVED = Map.of(
            LocalDate.of(2002, 5, 27), LocalDate.of(2002, 6, 4), // golden jubilee
            LocalDate.of(2012, 5, 28), LocalDate.of(2012, 6, 4), // diamond jubilee
            LocalDate.of(2020, 5, 4), LocalDate.of(2020, 5, 8), // VE day, 75 years
            LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 2)); // platinum jubilee

    /** Bank holidays added for one year only. */
    static final List<LocalDate> ADDED = List.of(
            LocalDate.of(2002, 6, 3), // golden jubilee
            LocalDate.of(2011, 4, 29), // royal wedding
            LocalDate.of(2012, 6, 5), // diamond jubilee
            LocalDate.of(2022, 6, 3), // platinum jubilee
            LocalDate.of(2022, 9, 19), // state funeral of Queen Elizabeth II
            LocalDate.of(2023, 5, 8)); // coronation of King Charles III

    private static final LocalTime EARLY_CLOSE = LocalTime.of(12, 30);

    private LseHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            out.addAll(closed(y));
        }
        return out;
    }

    /**
     * The early closes of the years {@code from} to {@code to}: date → the session's end (24 and 31 December on a
     * weekday; no rule, move or addition ever makes either a holiday).
     */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to) {
        return HolidayRules.weekdayCloses(from, to, EARLY_CLOSE, MonthDay.of(12, 24), MonthDay.of(12, 31));
    }

    private static Set<LocalDate> closed(int y) {
        Set<LocalDate> out = new HashSet<>();
        out.add(HolidayRules.nextWeekday(LocalDate.of(y, 1, 1), out));
        LocalDate easter = UsEquityHolidays.easter(y);
        out.add(easter.minusDays(2));
        out.add(easter.plusDays(1));
        LocalDate may = LocalDate.of(y, 5, 1);
        out.add(moved(may.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY))));
        out.add(moved(may.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))));
        out.add(LocalDate.of(y, 8, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        HolidayRules.christmasAndBoxingDay(y, out);
        for (LocalDate d : ADDED) {
            if (d.getYear() == y) {
                out.add(d);
            }
        }
        return out;
    }

    private static LocalDate moved(LocalDate rule) {
        return MOVED.getOrDefault(rule, rule);
    }
}
