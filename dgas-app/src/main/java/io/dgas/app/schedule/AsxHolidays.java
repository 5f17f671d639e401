package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Australian Securities Exchange's (Sydney) closures: New Year's Day and Australia Day (26 January), each on a
 * weekend moved to the Monday after; Good Friday and Easter Monday; Anzac Day (25 April) on the date itself (on a
 * weekend not moved, but in 2010 kept on Monday the 26th); the King's (before 2023 the Queen's) Birthday, the second
 * Monday of June; Christmas Day and Boxing Day ({@link HolidayRules#christmasAndBoxingDay}); the one-off closures of
 * {@link #ADDED}. Since 2010 the last trading days before Christmas and of the year (24 and 31 December, or the Friday
 * before when they fall on a weekend) close early, at 14:10 Sydney (not in 2022, when both were full days).
 */
public final class AsxHolidays {
    /** Closures of one year only: Easter Tuesday 2011 (Anzac Day fell on Easter Monday), the Queen's mourning day. */
    static final List<LocalDate> ADDED = List.of(LocalDate.of(2011, 4, 26), LocalDate.of(2022, 9, 22));

    private static final LocalTime EARLY_CLOSE = LocalTime.of(14, 10);
    private static final int EARLY_CLOSE_SINCE = 2010;
    private static final int FULL_DAYS_YEAR = 2022;

    private AsxHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            out.add(HolidayRules.nextWeekday(LocalDate.of(y, 1, 1), out));
            out.add(HolidayRules.nextWeekday(LocalDate.of(y, 1, 26), out));
            LocalDate easter = UsEquityHolidays.easter(y);
            out.add(easter.minusDays(2));
            out.add(easter.plusDays(1));
            LocalDate anzac = LocalDate.of(y, 4, 25);
            out.add(y == 2010 ? anzac.plusDays(1) : anzac);
            out.add(HolidayRules.nth(y, 6, DayOfWeek.MONDAY, 2));
            HolidayRules.christmasAndBoxingDay(y, out);
            for (LocalDate d : ADDED) {
                if (d.getYear() == y) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** The early closes of the years {@code from} to {@code to}: date → the session's end (14:10 Sydney). */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to) {
        Map<LocalDate, LocalTime> out = new HashMap<>();
        for (int y = Math.max(from, EARLY_CLOSE_SINCE); y <= to; y++) {
            if (y == FULL_DAYS_YEAR) {
                continue;
            }
            for (int day : new int[] {24, 31}) {
                LocalDate d = LocalDate.of(y, 12, day);
                out.put(
                        ExchangeCalendar.weekend(d) ? d.with(TemporalAdjusters.previous(DayOfWeek.FRIDAY)) : d,
                        EARLY_CLOSE);
            }
        }
        return out;
    }
}
