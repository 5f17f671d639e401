package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HkexHolidaysTest {
    private static Set<LocalDate> dates(String... iso) {
        return Arrays.stream(iso).map(LocalDate::parse).collect(Collectors.toSet());
    }

    /** The closures of {@code year} on weekdays (the exchange's published list; Saturday holidays close nothing). */
    private static Set<LocalDate> weekdayClosures(int year) {
        return HkexHolidays.closed(year, year).stream()
                .filter(d -> !ExchangeCalendar.weekend(d))
                .collect(Collectors.toSet());
    }

    @Test
    void lunar_festivalsOfTheChineseCalendar_theirGregorianDates() {
        // Lunar New Year 2023-2025, the Buddha's Birthday, Tuen Ng, the Mid-Autumn Festival and Chung Yeung of 2024
        assertThat(HkexHolidays.lunar(2023, 1, 1)).isEqualTo("2023-01-22");
        assertThat(HkexHolidays.lunar(2024, 1, 1)).isEqualTo("2024-02-10");
        assertThat(HkexHolidays.lunar(2025, 1, 1)).isEqualTo("2025-01-29");
        assertThat(HkexHolidays.lunar(2024, 4, 8)).isEqualTo("2024-05-15");
        assertThat(HkexHolidays.lunar(2024, 5, 5)).isEqualTo("2024-06-10");
        assertThat(HkexHolidays.lunar(2024, 8, 15)).isEqualTo("2024-09-17");
        assertThat(HkexHolidays.lunar(2024, 9, 9)).isEqualTo("2024-10-11");
    }

    @Test
    void qingming_theDayTheSunReaches15Degrees_inHongKongTime() {
        // the festival moves between 4 and 5 April over the leap-year cycle
        assertThat(HkexHolidays.qingming(2008)).isEqualTo("2008-04-04");
        assertThat(HkexHolidays.qingming(2010)).isEqualTo("2010-04-05");
        assertThat(HkexHolidays.qingming(2020)).isEqualTo("2020-04-04");
        assertThat(HkexHolidays.qingming(2023)).isEqualTo("2023-04-05");
        assertThat(HkexHolidays.qingming(2024)).isEqualTo("2024-04-04");
        assertThat(HkexHolidays.qingming(2026)).isEqualTo("2026-04-05");
        assertThat(HkexHolidays.qingming(2042)).isEqualTo("2042-04-04");
        assertThat(HkexHolidays.qingming(2043)).isEqualTo("2043-04-05");
        // 15° at the found day's end is not yet reached the day before (the sun moves about 0.9856° a day)
        assertThat(HkexHolidays.sunLongitude(2_460_404.5 - 8.0 / 24))
                .as("4 April 2024 00:00 Hong Kong: just below 15°")
                .isBetween(14.0, 15.0);
    }

    @Test
    void closed_2015And2016_substitutesForSundaysAndForHolidaysOnHolidays() {
        // 2015: Ching Ming on Easter Sunday, so the day after Easter Monday; the one-off holiday of 3 September
        assertThat(weekdayClosures(2015))
                .isEqualTo(dates(
                        "2015-01-01",
                        "2015-02-19",
                        "2015-02-20",
                        "2015-04-03",
                        "2015-04-06",
                        "2015-04-07",
                        "2015-05-01",
                        "2015-05-25",
                        "2015-07-01",
                        "2015-09-03",
                        "2015-09-28",
                        "2015-10-01",
                        "2015-10-21",
                        "2015-12-25"));
        // 2016: Labour Day, Chung Yeung and Christmas on Sundays; two typhoon days
        assertThat(weekdayClosures(2016))
                .isEqualTo(dates(
                        "2016-01-01",
                        "2016-02-08",
                        "2016-02-09",
                        "2016-02-10",
                        "2016-03-25",
                        "2016-03-28",
                        "2016-04-04",
                        "2016-05-02",
                        "2016-06-09",
                        "2016-07-01",
                        "2016-08-02",
                        "2016-09-16",
                        "2016-10-10",
                        "2016-10-21",
                        "2016-12-26",
                        "2016-12-27"));
    }

    @Test
    void closed_2023And2024_theFourthDayOfTheLunarNewYear() {
        // 2023: New Year's Day and the Lunar New Year on Sundays, National Day too; typhoon Talim, Saola and the
        // black rainstorm of 8 September
        assertThat(weekdayClosures(2023))
                .isEqualTo(dates(
                        "2023-01-02",
                        "2023-01-23",
                        "2023-01-24",
                        "2023-01-25",
                        "2023-04-05",
                        "2023-04-07",
                        "2023-04-10",
                        "2023-05-01",
                        "2023-05-26",
                        "2023-06-22",
                        "2023-07-17",
                        "2023-09-01",
                        "2023-09-08",
                        "2023-10-02",
                        "2023-10-23",
                        "2023-12-25",
                        "2023-12-26"));
        // 2024: the Lunar New Year's second day a Sunday
        assertThat(weekdayClosures(2024))
                .isEqualTo(dates(
                        "2024-01-01",
                        "2024-02-12",
                        "2024-02-13",
                        "2024-03-29",
                        "2024-04-01",
                        "2024-04-04",
                        "2024-05-01",
                        "2024-05-15",
                        "2024-06-10",
                        "2024-07-01",
                        "2024-09-06",
                        "2024-09-18",
                        "2024-10-01",
                        "2024-10-11",
                        "2024-12-25",
                        "2024-12-26"));
    }

    @Test
    void closed_before2012_aSundayAmongTheNewYearsDaysClosedItsEve() {
        // 2003: Saturday 1 February, the second day a Sunday: the eve, Friday 31 January, closed; no fourth day
        assertThat(HkexHolidays.closed(2003, 2003)).contains(LocalDate.parse("2003-01-31"));
        assertThat(HkexHolidays.closed(2003, 2003)).doesNotContain(LocalDate.parse("2003-02-04"));
        // 2012: the day after the Mid-Autumn Festival on National Day: 2 October
        assertThat(HkexHolidays.closed(2012, 2012))
                .contains(LocalDate.parse("2012-10-01"), LocalDate.parse("2012-10-02"));
    }

    @Test
    void earlyCloses_eveOfTheLunarNewYearChristmasAndTheNewYear_noonOnTradingDaysOnly() {
        Map<LocalDate, LocalTime> early = HkexHolidays.earlyCloses(2023, 2024, HkexHolidays.closed(2023, 2024));

        // 2023: all three eves on weekends; 2024: Friday 9 February, Tuesday 24 and 31 December
        assertThat(early)
                .isEqualTo(Map.of(
                        LocalDate.parse("2024-02-09"), LocalTime.NOON,
                        LocalDate.parse("2024-12-24"), LocalTime.NOON,
                        LocalDate.parse("2024-12-31"), LocalTime.NOON));
    }

    @Test
    void calendar_lunchBreakAndHalfDay_twoSessionsOrTheMorningAlone() {
        ExchangeCalendar hk = ExchangeCalendar.of(
                        true, "Asia/Hong_Kong", "09:30-16:00", HkexHolidays.closed(2024, 2024))
                .withEarlyCloses(HkexHolidays.earlyCloses(2024, 2024, HkexHolidays.closed(2024, 2024)))
                .withBreak("12:00-13:00");

        // Monday 2 December 2024, Hong Kong is UTC+8: 09:30-12:00 and 13:00-16:00 are 01:30-04:00 and 05:00-08:00 UTC
        assertThat(hk.sessions(Instant.parse("2024-12-02T00:00:00Z"), Instant.parse("2024-12-02T12:00:00Z")))
                .containsExactly(
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-12-02T01:30:00Z"), Instant.parse("2024-12-02T04:00:00Z")),
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-12-02T05:00:00Z"), Instant.parse("2024-12-02T08:00:00Z")));
        assertThat(hk.isOpen(Instant.parse("2024-12-02T03:59:59Z"))).isTrue();
        assertThat(hk.isOpen(Instant.parse("2024-12-02T04:00:00Z"))).as("lunch").isFalse();
        assertThat(hk.isOpen(Instant.parse("2024-12-02T04:59:59Z"))).as("lunch").isFalse();
        assertThat(hk.isOpen(Instant.parse("2024-12-02T05:00:00Z"))).isTrue();
        // Christmas Eve: the morning alone
        assertThat(hk.sessions(Instant.parse("2024-12-24T00:00:00Z"), Instant.parse("2024-12-24T12:00:00Z")))
                .containsExactly(new ExchangeCalendar.Session(
                        Instant.parse("2024-12-24T01:30:00Z"), Instant.parse("2024-12-24T04:00:00Z")));
        assertThat(hk.isOpen(Instant.parse("2024-12-24T05:30:00Z"))).isFalse();
    }
}
