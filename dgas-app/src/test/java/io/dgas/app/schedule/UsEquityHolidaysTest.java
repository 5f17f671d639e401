package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsEquityHolidaysTest {
    @Test
    void closed_2013And2001_theExchangesClosures() {
        assertThat(UsEquityHolidays.closed(2013, 2013))
                .containsExactlyInAnyOrder(
                        LocalDate.parse("2013-01-01"),
                        LocalDate.parse("2013-01-21"),
                        LocalDate.parse("2013-02-18"),
                        LocalDate.parse("2013-03-29"),
                        LocalDate.parse("2013-05-27"),
                        LocalDate.parse("2013-07-04"),
                        LocalDate.parse("2013-09-02"),
                        LocalDate.parse("2013-11-28"),
                        LocalDate.parse("2013-12-25"));
        assertThat(UsEquityHolidays.closed(2001, 2001))
                .as("four days after 11 September")
                .contains(LocalDate.parse("2001-09-11"), LocalDate.parse("2001-09-14"), LocalDate.parse("2001-04-13"))
                .hasSize(9 + 4);
    }

    @Test
    void closed_newYearOnASaturday_notObservedTheFridayBefore() {
        assertThat(UsEquityHolidays.closed(2022, 2022))
                .doesNotContain(LocalDate.parse("2021-12-31"), LocalDate.parse("2022-01-01"))
                .contains(LocalDate.parse("2022-06-20"), LocalDate.parse("2022-12-26"));
        assertThat(UsEquityHolidays.closed(2021, 2021)).doesNotContain(LocalDate.parse("2021-06-18"));
    }

    @Test
    void easter_knownYears_gregorianDates() {
        assertThat(UsEquityHolidays.easter(2000)).isEqualTo(LocalDate.parse("2000-04-23"));
        assertThat(UsEquityHolidays.easter(2019)).isEqualTo(LocalDate.parse("2019-04-21"));
        assertThat(UsEquityHolidays.easter(2038)).isEqualTo(LocalDate.parse("2038-04-25"));
        assertThat(UsEquityHolidays.easter(2285)).isEqualTo(LocalDate.parse("2285-03-22"));
    }
}
