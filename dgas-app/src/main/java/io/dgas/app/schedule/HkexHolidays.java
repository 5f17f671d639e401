package io.dgas.app.schedule;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hong Kong Exchanges' (HKEX) closures: Hong Kong's general holidays, which are New Year's Day, the first three days of
 * the Lunar New Year, the Ching Ming Festival, Good Friday with the day after and Easter Monday, Labour Day (1 May),
 * the Buddha's Birthday (the 8th day of the 4th lunar month), the Tuen Ng Festival (5th of the 5th), HKSAR
 * Establishment Day (1 July), the day after the Mid-Autumn Festival (16th of the 8th), National Day (1 October), the
 * Chung Yeung Festival (9th of the 9th), Christmas Day and the first weekday after it. A holiday on a Sunday, or on a
 * day another holiday already holds, moves to the first following day that is neither (Ching Ming on Easter Sunday
 * 2015 closed Tuesday 7 April; the day after the Mid-Autumn Festival on National Day 2012 closed 2 October); a
 * Saturday holiday does not move. Before 2012 a Sunday among the Lunar New Year's three days made its eve the holiday
 * instead. Plus the one-off closures of {@link #ADDED}. The eves of Christmas, the New Year and the Lunar New Year
 * have no afternoon session (a close at noon) when they are trading days.
 *
 * <p>Design note: the lunar dates are those of the Chinese calendar, from ICU4J's {@link ChineseCalendar} (astronomical,
 * for the meridian of Beijing, as Hong Kong's Observatory publishes them); Ching Ming is the day the sun's apparent
 * longitude reaches 15° in Hong Kong time, from the low-accuracy solar position of Meeus, <i>Astronomical
 * Algorithms</i> (2nd ed., ch. 25: about 0.01°, a quarter of an hour), which gives the published dates of 2000–2049.
 */
public final class HkexHolidays {
    /**
     * Whole days closed once: typhoon signal 8 or a black rainstorm warning in force at noon (none since September
     * 2024, when the exchange began to trade through severe weather), and the one-off holiday of 3 September 2015.
     */
    static final List<LocalDate> ADDED = List.of(
            LocalDate.of(2001, 7, 6),
            LocalDate.of(2001, 7, 25),
            LocalDate.of(2008, 8, 6),
            LocalDate.of(2008, 8, 22),
            LocalDate.of(2011, 9, 29),
            LocalDate.of(2013, 8, 14),
            LocalDate.of(2015, 9, 3),
            LocalDate.of(2016, 8, 2),
            LocalDate.of(2016, 10, 21),
            LocalDate.of(2017, 8, 23),
            LocalDate.of(2020, 10, 13),
            LocalDate.of(2021, 10, 13),
            LocalDate.of(2023, 7, 17),
            LocalDate.of(2023, 9, 1),
            LocalDate.of(2023, 9, 8),
            LocalDate.of(2024, 9, 6));

    private static final LocalTime NO_AFTERNOON = LocalTime.NOON;
    /** The first year of the 2011 amendment's rule: a Sunday among the Lunar New Year's days adds the fourth. */
    private static final int FOURTH_DAY_SINCE = 2012;
    /** Julian day number of 1970-01-01 (ICU's {@link Calendar#JULIAN_DAY} to an epoch day). */
    private static final long EPOCH_JULIAN_DAY = 2_440_588;

    /**
     * A calendar per thread, reused: building one resolves ICU's locale and zone data (most of a first year's cost),
     * and a calendar is not safe to share between threads. Its zone is irrelevant: only the Julian day is read.
     */
    private static final ThreadLocal<ChineseCalendar> CHINESE =
            ThreadLocal.withInitial(() -> new ChineseCalendar(TimeZone.GMT_ZONE, ULocale.ROOT));

    private HkexHolidays() {}

    /** The full-day closures of the years {@code from} to {@code to}, both included. */
    public static Set<LocalDate> closed(int from, int to) {
        Set<LocalDate> out = new HashSet<>();
        for (int y = from; y <= to; y++) {
            out.addAll(generalHolidays(y));
        }
        for (LocalDate d : ADDED) {
            if (d.getYear() >= from && d.getYear() <= to) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The days without an afternoon session of the years {@code from} to {@code to}: the eves of Christmas, the New
     * Year and the Lunar New Year that are trading days, each closing at noon; {@code closed} holds those years'
     * {@link #closed} (computed once by the caller: a century of lunar dates is most of the calendar's cost).
     */
    public static Map<LocalDate, LocalTime> earlyCloses(int from, int to, Set<LocalDate> closed) {
        Map<LocalDate, LocalTime> out = new HashMap<>();
        for (int y = from; y <= to; y++) {
            for (LocalDate d : List.of(
                    LocalDate.of(y, 12, 24),
                    LocalDate.of(y, 12, 31),
                    lunar(y, 1, 1).minusDays(1))) {
                if (!ExchangeCalendar.weekend(d) && !closed.contains(d)) {
                    out.put(d, NO_AFTERNOON);
                }
            }
        }
        return out;
    }

    /** Hong Kong's general holidays of {@code year} (see the class notes), Saturdays included. */
    static Set<LocalDate> generalHolidays(int year) {
        LocalDate newYear = lunar(year, 1, 1);
        LocalDate easter = UsEquityHolidays.easter(year);
        LocalDate christmas = LocalDate.of(year, 12, 25);
        LocalDate boxing = christmas.plusDays(1);
        List<LocalDate> days = new ArrayList<>(List.of(
                LocalDate.of(year, 1, 1),
                qingming(year),
                easter.minusDays(2),
                easter.minusDays(1),
                easter.plusDays(1),
                LocalDate.of(year, 5, 1),
                lunar(year, 4, 8),
                lunar(year, 5, 5),
                LocalDate.of(year, 7, 1),
                lunar(year, 8, 16),
                LocalDate.of(year, 10, 1),
                lunar(year, 9, 9),
                christmas,
                boxing.getDayOfWeek() == DayOfWeek.SUNDAY ? boxing.plusDays(1) : boxing));
        Set<LocalDate> out = new HashSet<>(days);
        List<LocalDate> lunarNewYear = List.of(newYear, newYear.plusDays(1), newYear.plusDays(2));
        out.addAll(lunarNewYear);
        if (year < FOURTH_DAY_SINCE) {
            if (lunarNewYear.stream().anyMatch(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                out.add(newYear.minusDays(1));
            }
        } else {
            days.addAll(lunarNewYear);
        }
        // each holiday on a Sunday or on a day an earlier one holds moves to the first day after that is neither
        days.sort(null);
        Set<LocalDate> held = new HashSet<>();
        for (LocalDate d : days) {
            if (d.getDayOfWeek() == DayOfWeek.SUNDAY || !held.add(d)) {
                LocalDate s = d.plusDays(1);
                while (s.getDayOfWeek() == DayOfWeek.SUNDAY || out.contains(s)) {
                    s = s.plusDays(1);
                }
                out.add(s);
                held.add(s);
            }
        }
        return out;
    }

    /** The Gregorian date of the {@code day} of lunar {@code month} (not a leap month) of the year beginning in {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        ChineseCalendar c = CHINESE.get();
        c.clear();
        // ICU 76 on: the extended year of a Chinese year is the Gregorian year in which it begins
        c.set(Calendar.EXTENDED_YEAR, year);
        c.set(Calendar.MONTH, month - 1);
        c.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        c.set(Calendar.DAY_OF_MONTH, day);
        return LocalDate.ofEpochDay(c.get(Calendar.JULIAN_DAY) - EPOCH_JULIAN_DAY);
    }

    /** The Ching Ming Festival of {@code year}: the day (Hong Kong time) the sun's apparent longitude reaches 15°. */
    static LocalDate qingming(int year) {
        // Newton's steps on the Julian ephemeris day from 4 April 00:00; the sun moves about 0.9856° a day
        double jde = LocalDate.of(year, 4, 4).toEpochDay() + EPOCH_JULIAN_DAY - 0.5;
        for (int k = 0; k < 5; k++) {
            double off = Math.IEEEremainder(sunLongitude(jde) - 15, 360);
            jde -= off / 0.9856474;
        }
        // terrestrial time to universal (about 69 s in these decades), then to Hong Kong's UTC+8
        double jd = jde - 69.0 / 86_400;
        return LocalDate.ofEpochDay((long) Math.floor(jd + 0.5 + 8.0 / 24) - EPOCH_JULIAN_DAY);
    }

    /**
     * The sun's apparent longitude in degrees, in [0, 360), at Julian ephemeris day {@code jde} (Meeus, ch. 25, low
     * accuracy).
     */
    static double sunLongitude(double jde) {
        double t = (jde - 2_451_545.0) / 36_525;
        double mean = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
        double anomaly = Math.toRadians(357.52911 + 35_999.05029 * t - 0.0001537 * t * t);
        double centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(anomaly)
                + (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly)
                + 0.000289 * Math.sin(3 * anomaly);
        double node = Math.toRadians(125.04 - 1_934.136 * t);
        double lambda = (mean + centre - 0.00569 - 0.00478 * Math.sin(node)) % 360;
        return lambda < 0 ? lambda + 360 : lambda;
    }
}
