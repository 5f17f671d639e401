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
}
