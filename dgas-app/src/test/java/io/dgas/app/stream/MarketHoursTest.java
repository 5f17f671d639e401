package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.schedule.UsEquityHolidays;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarketHoursTest {
    @Test
    void usHolidayRules_2024To2027_equalTheShippedList() {
        MarketHours.Days shipped = MarketHours.days(MarketHours.US_HOLIDAYS);

        assertThat(UsEquityHolidays.closed(2024, 2027)).isEqualTo(shipped.closed());
        assertThat(UsEquityHolidays.earlyCloses(2024, 2027)).isEqualTo(shipped.earlyCloses());
    }

    @Test
    void standard_aHolidayOfAYearTheListDoesNotName_closedByTheRules() {
        MarketHours hours = MarketHours.standard();

        // 21 January 2013, Martin Luther King Jr. Day, 10:00 New York; the day after, open
        assertThat(hours.isOpen("stock", Instant.parse("2013-01-21T15:00:00Z"))).isFalse();
        assertThat(hours.isOpen("stock", Instant.parse("2013-01-22T15:00:00Z"))).isTrue();
        assertThat(hours.isOpen("crypto", Instant.parse("2013-01-21T15:00:00Z")))
                .isTrue();
    }

    @Test
    void market_forexClass_isTheForexWeekNotTheUsSession() {
        MarketHours hours = MarketHours.standard();

        assertThat(hours.market(" FOREX ")).isEqualTo(MarketHours.FOREX);
        assertThat(hours.market("etf")).isEqualTo(MarketHours.US_EQUITIES);
        // Tuesday 3 December 2024, 02:00 New York: forex trades, US equities do not
        assertThat(hours.isOpen("forex", Instant.parse("2024-12-03T07:00:00Z"))).isTrue();
        assertThat(hours.isOpen("stock", Instant.parse("2024-12-03T07:00:00Z"))).isFalse();
        // Thanksgiving (28 November 2024): US equities closed, forex open
        assertThat(hours.isOpen("forex", Instant.parse("2024-11-28T15:00:00Z"))).isTrue();
        assertThat(hours.isOpen("stock", Instant.parse("2024-11-28T15:00:00Z"))).isFalse();
    }

    @Test
    void sessions_forexOverNewYear_newYearsDayClosedFromTheEveningBefore() {
        MarketHours hours = MarketHours.standard();

        // Tuesday 31 December 2030 17:00 New York (22:00Z) to Thursday 2 January 2031 17:00
        var s = hours.sessions("forex", Instant.parse("2030-12-31T12:00:00Z"), Instant.parse("2031-01-02T12:00:00Z"));

        assertThat(s)
                .containsExactly(
                        new io.dgas.app.schedule.ExchangeCalendar.Session(
                                Instant.parse("2030-12-30T22:00:00Z"), Instant.parse("2030-12-31T22:00:00Z")),
                        new io.dgas.app.schedule.ExchangeCalendar.Session(
                                Instant.parse("2031-01-01T22:00:00Z"), Instant.parse("2031-01-02T22:00:00Z")));
    }
}
