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
}
