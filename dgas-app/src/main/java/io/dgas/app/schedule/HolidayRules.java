package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Date rules the exchanges' holiday calendars share (the London, Toronto and Sydney rules for a weekend holiday). */
final class HolidayRules {
    private HolidayRules() {}

    /**
     * The closures of the years {@code from} to {@code to} on fixed dates ({@code days}) and at offsets from Easter
     * Sunday ({@code easter}: −2 Good Friday, 1 Easter Monday, 39 Ascension, 50 Whit Monday), on the dates themselves
     * (one on a weekend is not moved).
     */
    static Set<LocalDate> onDates(int from, int to, List<Integer> easter, MonthDay... days) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            LocalDate sunday = UsEquityHolidays.easter(y);
            for (int offset : easter) {
                out.add(sunday.plusDays(offset));
            }
            for (MonthDay d : days) {
                out.add(d.atYear(y));
            }
        }
        return out;
    }

    /** {@code d}, or the first weekday after it that is not in {@code taken}. */
    static LocalDate nextWeekday(LocalDate d, Set<LocalDate> taken) {
        while (ExchangeCalendar.weekend(d) || taken.contains(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * Christmas Day, then Boxing Day, each on the first weekday from its date that is not already taken (the British
     * rule, which Toronto and Sydney keep too): Christmas on a Saturday closes the 27th and 28th, on a Sunday the 26th
     * and 27th, Boxing Day on a Saturday the 28th.
     */
    static void christmasAndBoxingDay(int year, Set<LocalDate> out) {
        out.add(nextWeekday(LocalDate.of(year, 12, 25), out));
        out.add(nextWeekday(LocalDate.of(year, 12, 26), out));
    }

    /** The {@code n}th {@code day} of {@code month} (n from 1). */
    static LocalDate nth(int year, int month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** The weekday dates of {@code days} in the years {@code from} to {@code to}, each closing at {@code close}. */
    static Map<LocalDate, LocalTime> weekdayCloses(int from, int to, LocalTime close, MonthDay... days) {
        Map<LocalDate, LocalTime> out = new HashMap<>();
        for (int y = from; y <= to; y++) {
            for (MonthDay m : days) {
                LocalDate d = m.atYear(y);
                if (!ExchangeCalendar.weekend(d)) {
                    out.put(d, close);
                }
            }
        }
        return out;
    }
}
