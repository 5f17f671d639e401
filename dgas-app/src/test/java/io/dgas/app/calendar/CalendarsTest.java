package io.dgas.app.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.service.BadInputException;
import io.dgas.app.stream.MarketHours;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarsTest {
    private final Calendars shipped = new Calendars(MarketHours.standard());

    @Test
    void list_everyStockExchangeByCodeThenTheForexWeek() {
        var all = shipped.list();

        assertThat(all)
                .extracting(Calendars.Summary::exchange)
                .startsWith("AS", "AU")
                .endsWith("XETRA", "FOREX");
        assertThat(all)
                .filteredOn(s -> s.exchange().equals("HK"))
                .containsExactly(
                        new Calendars.Summary("HK", "hkex", "Asia/Hong_Kong", "09:30-16:00", "12:00-13:00", "shipped"));
        assertThat(all)
                .filteredOn(s -> s.exchange().equals("FOREX"))
                .extracting(Calendars.Summary::session)
                .containsExactly("17:00-17:00");
    }

    @Test
    void year_londonIn2020_theMovedAndTheAddedBankHolidaysAndTheEarlyCloses() {
        Calendars.Year y = shipped.year(" lse ", 2020);

        // VE Day moved to Friday 8 May; Christmas on a Friday, Boxing Day on a Saturday: Monday 28 December
        assertThat(y.closed())
                .extracting(Calendars.Day::date)
                .containsExactly(
                        LocalDate.parse("2020-01-01"),
                        LocalDate.parse("2020-04-10"),
                        LocalDate.parse("2020-04-13"),
                        LocalDate.parse("2020-05-08"),
                        LocalDate.parse("2020-05-25"),
                        LocalDate.parse("2020-08-31"),
                        LocalDate.parse("2020-12-25"),
                        LocalDate.parse("2020-12-28"));
        assertThat(y.closed().get(3).weekday()).isEqualTo("Fri");
        assertThat(y.earlyCloses())
                .containsExactly(
                        new Calendars.EarlyClose(LocalDate.parse("2020-12-24"), "Thu", LocalTime.of(12, 30)),
                        new Calendars.EarlyClose(LocalDate.parse("2020-12-31"), "Thu", LocalTime.of(12, 30)));
    }

    @Test
    void year_aUsersCalendar_saysItsSource_unknownExchangeAndYearNamed() {
        Calendars own = new Calendars(MarketHours.standard(Map.of(
                "KO", ExchangeCalendar.of(true, "Asia/Seoul", "09:00-15:30", Set.of(LocalDate.parse("2025-01-01"))))));

        Calendars.Year ko = own.year("KO", 2025);

        assertThat(ko.calendar().source()).isEqualTo("calendars.dir");
        assertThat(ko.calendar().market()).isEqualTo("ko");
        assertThat(ko.closed()).containsExactly(new Calendars.Day(LocalDate.parse("2025-01-01"), "Wed"));
        assertThatThrownBy(() -> shipped.year("KO", 2025))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("no calendar for the exchange KO; calendars: AS, AU, BR, HK,")
                .extracting(e -> ((BadInputException) e).parameter())
                .isEqualTo("exchange");
        assertThatThrownBy(() -> shipped.year("HK", 1969))
                .isInstanceOf(BadInputException.class)
                .hasMessage("year must be 1970 to 2099");
    }
}
