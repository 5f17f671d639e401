package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExchangeCalendarTest {
    // New York session 09:30-16:00; 2024-06-03 is a Monday (EDT = UTC-4)
    private final ExchangeCalendar nyse =
            ExchangeCalendar.of(true, "America/New_York", "09:30-16:00", Set.of(LocalDate.parse("2024-06-19")));

    @Test
    void isOpen_insideSessionOnAWeekday_isTrue() {
        assertThat(nyse.isOpen(Instant.parse("2024-06-03T13:30:00Z"))).isTrue(); // 09:30 EDT, inclusive
        assertThat(nyse.isOpen(Instant.parse("2024-06-03T19:59:59Z"))).isTrue(); // 15:59:59 EDT
    }

    @Test
    void isOpen_atSessionEndOrBeforeOpen_isFalse() {
        assertThat(nyse.isOpen(Instant.parse("2024-06-03T20:00:00Z"))).isFalse(); // 16:00 EDT, exclusive
        assertThat(nyse.isOpen(Instant.parse("2024-06-03T13:29:59Z"))).isFalse();
    }

    @Test
    void isOpen_weekendAndHoliday_isFalse() {
        assertThat(nyse.isOpen(Instant.parse("2024-06-08T15:00:00Z"))).isFalse(); // Saturday
        assertThat(nyse.isOpen(Instant.parse("2024-06-19T15:00:00Z"))).isFalse(); // Juneteenth
    }

    @Test
    void always_isOpenEverywhen() {
        assertThat(ExchangeCalendar.always().isOpen(Instant.parse("2024-06-08T03:00:00Z")))
                .isTrue();
    }

    @Test
    void of_inverseSession_failsNamingIt() {
        assertThatThrownBy(() -> ExchangeCalendar.of(false, "UTC", "16:00-09:30", Set.of()))
                .hasMessageContaining("must be after");
    }

    @Test
    void sessions_fridayToMondayWithAnEarlyClose_theTwoTradingDaysWholeInOrder() {
        ExchangeCalendar early =
                nyse.withEarlyCloses(java.util.Map.of(LocalDate.parse("2024-06-07"), java.time.LocalTime.of(13, 0)));

        var s = early.sessions(Instant.parse("2024-06-07T16:00:00Z"), Instant.parse("2024-06-10T14:00:00Z"));

        assertThat(s)
                .containsExactly(
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-06-07T13:30:00Z"), Instant.parse("2024-06-07T17:00:00Z")),
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-06-10T13:30:00Z"), Instant.parse("2024-06-10T20:00:00Z")));
    }

    @Test
    void sessions_weekendHolidayOrOutsideHours_none() {
        assertThat(nyse.sessions(Instant.parse("2024-06-08T00:00:00Z"), Instant.parse("2024-06-10T00:00:00Z")))
                .isEmpty();
        assertThat(nyse.sessions(Instant.parse("2024-06-19T00:00:00Z"), Instant.parse("2024-06-20T00:00:00Z")))
                .isEmpty();
        assertThat(nyse.sessions(Instant.parse("2024-06-03T20:00:00Z"), Instant.parse("2024-06-04T13:30:00Z")))
                .as("from the close to the next open, both edges excluded")
                .isEmpty();
    }

    // the foreign-exchange week: each trading day's session opens at 17:00 New York the evening before
    private final ExchangeCalendar fx =
            ExchangeCalendar.overnight(true, "America/New_York", "17:00-17:00", Set.of(LocalDate.parse("2024-12-25")));

    @Test
    void overnight_sundayEveningToFridayEvening_openWithoutABreak() {
        // 2024-06-09 is a Sunday; 17:00 EDT is 21:00Z
        assertThat(fx.isOpen(Instant.parse("2024-06-09T20:59:59Z")))
                .as("Sunday 16:59:59")
                .isFalse();
        assertThat(fx.isOpen(Instant.parse("2024-06-09T21:00:00Z")))
                .as("Sunday 17:00")
                .isTrue();
        assertThat(fx.isOpen(Instant.parse("2024-06-12T21:00:00Z")))
                .as("Wednesday 17:00, the roll")
                .isTrue();
        assertThat(fx.isOpen(Instant.parse("2024-06-12T03:00:00Z")))
                .as("Tuesday 23:00")
                .isTrue();
        assertThat(fx.isOpen(Instant.parse("2024-06-14T20:59:59Z")))
                .as("Friday 16:59:59")
                .isTrue();
        assertThat(fx.isOpen(Instant.parse("2024-06-14T21:00:00Z")))
                .as("Friday 17:00")
                .isFalse();
        assertThat(fx.isOpen(Instant.parse("2024-06-15T12:00:00Z")))
                .as("Saturday")
                .isFalse();
        assertThat(fx.opensDayBefore()).isTrue();
        assertThat(nyse.opensDayBefore()).isFalse();
    }

    @Test
    void overnight_aClosedTradingDay_closedFromTheEveningBefore() {
        // Christmas 2024 is a Wednesday (EST, UTC-5): closed from 17:00 on the 24th to 17:00 on the 25th
        assertThat(fx.isOpen(Instant.parse("2024-12-24T21:59:59Z"))).isTrue();
        assertThat(fx.isOpen(Instant.parse("2024-12-24T22:00:00Z"))).isFalse();
        assertThat(fx.isOpen(Instant.parse("2024-12-25T21:59:59Z"))).isFalse();
        assertThat(fx.isOpen(Instant.parse("2024-12-25T22:00:00Z"))).isTrue();
    }

    @Test
    void sessions_overnightAcrossAWeekend_eachTradingDaysWholeSessionInOrder() {
        var s = fx.sessions(Instant.parse("2024-06-14T12:00:00Z"), Instant.parse("2024-06-17T01:00:00Z"));

        assertThat(s)
                .containsExactly(
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-06-13T21:00:00Z"), Instant.parse("2024-06-14T21:00:00Z")),
                        new ExchangeCalendar.Session(
                                Instant.parse("2024-06-16T21:00:00Z"), Instant.parse("2024-06-17T21:00:00Z")));
    }

    @Test
    void sessions_overnightEndingBeforeTheEveningOpen_omitTheNextDay() {
        var s = fx.sessions(Instant.parse("2024-06-12T12:00:00Z"), Instant.parse("2024-06-12T21:00:00Z"));

        assertThat(s)
                .containsExactly(new ExchangeCalendar.Session(
                        Instant.parse("2024-06-11T21:00:00Z"), Instant.parse("2024-06-12T21:00:00Z")));
    }

    @Test
    void overnight_aDaySession_failsNamingIt() {
        assertThatThrownBy(() -> ExchangeCalendar.overnight(true, "UTC", "09:30-16:00", Set.of()))
                .hasMessageContaining("overnight")
                .hasMessageContaining("09:30-16:00");
    }
}
