package io.dgas.app.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NYSE / Nasdaq closures by the exchanges' rules, for years the shipped holiday list does not name: New Year's Day
 * (a Sunday's moved to Monday; a Saturday's not observed), Martin Luther King Jr. Day, Washington's Birthday, Good
 * Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving and Christmas (a Saturday's
 * moved to Friday, a Sunday's to Monday), and the unscheduled closures since 2000 ({@link #UNSCHEDULED}); early closes
 * at 13:00 on the day after Thanksgiving and on July 3 and December 24 when they fall Monday to Thursday.
 *
 * <p>Design notes: the rules are the exchanges' published ones (NYSE Rule 7.2 holidays, with the observance shifts
 * above); the shipped list for 2024–2027 equals them ({@code MarketHoursTest}). Early closes before 2024 may
 * differ in a few years the exchanges decided otherwise (e.g. 5 July 2002); only intraday slots after 13:00 of those
 * days depend on it.
 */
public final class UsEquityHolidays {
    /** The first year the rules are applied from. */
    public static final int FIRST_YEAR = 2000;

    /** Closures outside the rules: 11–14 September 2001, national days of mourning, Hurricane Sandy. */
    static final List<LocalDate> UNSCHEDULED = List.of(
            LocalDate.of(2001, 9, 11),
            LocalDate.of(2001, 9, 12),
            LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14),
            LocalDate.of(2004, 6, 11),
            LocalDate.of(2007, 1, 2),
            LocalDate.of(2012, 10, 29),
            LocalDate.of(2012, 10, 30),
            LocalDate.of(2018, 12, 5),
            LocalDate.of(2025, 1, 9));

    private static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    private UsEquityHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            out.addAll(closed(y));
        }
        for (LocalDate d : UNSCHEDULED) {
            if (d.getYear() >= from && d.getYear() <= to) {
                out.add(d);
            }
        }
        return out;
    }

    /** The early closes of the years {@code from} to {@code to}: date → the session's end. */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to) {
        Map<LocalDate, LocalTime> out = new HashMap<>();
        for (int y = from; y <= to; y++) {
            out.put(thanksgiving(y).plusDays(1), EARLY_CLOSE);
            for (LocalDate d : List.of(LocalDate.of(y, 7, 3), LocalDate.of(y, 12, 24))) {
                if (d.getDayOfWeek().getValue() <= DayOfWeek.THURSDAY.getValue()) {
                    out.put(d, EARLY_CLOSE);
                }
            }
        }
        return out;
    }

    private static List<LocalDate> closed(int y) {
        List<LocalDate> out = new java.util.ArrayList<>();
        LocalDate newYear = LocalDate.of(y, 1, 1);
        if (newYear.getDayOfWeek() != DayOfWeek.SATURDAY) {
            out.add(newYear.getDayOfWeek() == DayOfWeek.SUNDAY ? newYear.plusDays(1) : newYear);
        }
        out.add(nth(y, Month.JANUARY, 3, DayOfWeek.MONDAY));
        out.add(nth(y, Month.FEBRUARY, 3, DayOfWeek.MONDAY));
        out.add(easter(y).minusDays(2));
        out.add(LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (y >= 2022) {
            out.add(observed(LocalDate.of(y, 6, 19)));
        }
        out.add(observed(LocalDate.of(y, 7, 4)));
        out.add(nth(y, Month.SEPTEMBER, 1, DayOfWeek.MONDAY));
        out.add(thanksgiving(y));
        out.add(observed(LocalDate.of(y, 12, 25)));
        return out;
    }

    private static LocalDate thanksgiving(int y) {
        return nth(y, Month.NOVEMBER, 4, DayOfWeek.THURSDAY);
    }

    /** A Saturday holiday is observed on the Friday before, a Sunday one on the Monday after. */
    private static LocalDate observed(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case SATURDAY -> d.minusDays(1);
            case SUNDAY -> d.plusDays(1);
            default -> d;
        };
    }

    private static LocalDate nth(int y, Month m, int n, DayOfWeek day) {
        return LocalDate.of(y, m, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easter(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }
}
