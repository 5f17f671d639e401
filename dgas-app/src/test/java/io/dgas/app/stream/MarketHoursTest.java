package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.schedule.UsEquityHolidays;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarketHoursTest {
    @Test
    void usHolidayRules_2024To2027_equalTheShippedList() {
        var shipped = MarketHours.days(MarketHours.US_HOLIDAYS);

        assertThat(UsEquityHolidays.closed(2024, 2027)).isEqualTo(shipped.closed());
        assertThat(UsEquityHolidays.earlyCloses(2024, 2027)).isEqualTo(shipped.earlyCloses());
    }

    @Test
    void standard_aHolidayOfAYearTheListDoesNotName_closedByTheRules() {
        MarketHours hours = MarketHours.standard();

        // 21 January 2013, Martin Luther King Jr. Day, 10:00 New York; the day after, open
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, Instant.parse("2013-01-21T15:00:00Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, Instant.parse("2013-01-22T15:00:00Z")))
                .isTrue();
        assertThat(hours.isOpen("crypto", Instant.parse("2013-01-21T15:00:00Z")))
                .isTrue();
    }

    @Test
    void market_forexClass_isTheForexWeekNotTheUsSession() {
        MarketHours hours = MarketHours.standard();

        assertThat(MarketHours.market("EURUSD", " FOREX ")).isEqualTo(MarketHours.FOREX);
        assertThat(MarketHours.market("SPY", "etf")).isEqualTo(MarketHours.US_EQUITIES);
        // Tuesday 3 December 2024, 02:00 New York: forex trades, US equities do not
        assertThat(hours.isOpen("forex", Instant.parse("2024-12-03T07:00:00Z"))).isTrue();
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-12-03T07:00:00Z")))
                .isFalse();
        // Thanksgiving (28 November 2024): US equities closed, forex open
        assertThat(hours.isOpen("forex", Instant.parse("2024-11-28T15:00:00Z"))).isTrue();
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-11-28T15:00:00Z")))
                .isFalse();
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

    private static java.util.Set<java.time.LocalDate> dates(String... iso) {
        return java.util.Arrays.stream(iso)
                .map(java.time.LocalDate::parse)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void lseHolidays_publishedBankHolidays_movedAddedAndSubstitutedDays() {
        // the published England and Wales bank holidays: VE day moved (2020), Christmas on a Friday (2020) and on a
        // Saturday (2021), the platinum jubilee and the state funeral (2022), the coronation (2023)
        assertThat(io.dgas.app.schedule.LseHolidays.closed(2020, 2020))
                .isEqualTo(dates(
                        "2020-01-01",
                        "2020-04-10",
                        "2020-04-13",
                        "2020-05-08",
                        "2020-05-25",
                        "2020-08-31",
                        "2020-12-25",
                        "2020-12-28"));
        assertThat(io.dgas.app.schedule.LseHolidays.closed(2021, 2021))
                .isEqualTo(dates(
                        "2021-01-01",
                        "2021-04-02",
                        "2021-04-05",
                        "2021-05-03",
                        "2021-05-31",
                        "2021-08-30",
                        "2021-12-27",
                        "2021-12-28"));
        assertThat(io.dgas.app.schedule.LseHolidays.closed(2022, 2022))
                .isEqualTo(dates(
                        "2022-01-03",
                        "2022-04-15",
                        "2022-04-18",
                        "2022-05-02",
                        "2022-06-02",
                        "2022-06-03",
                        "2022-08-29",
                        "2022-09-19",
                        "2022-12-26",
                        "2022-12-27"));
        assertThat(io.dgas.app.schedule.LseHolidays.closed(2023, 2023))
                .isEqualTo(dates(
                        "2023-01-02",
                        "2023-04-07",
                        "2023-04-10",
                        "2023-05-01",
                        "2023-05-08",
                        "2023-05-29",
                        "2023-08-28",
                        "2023-12-25",
                        "2023-12-26"));
        // half days on 24 and 31 December when they are trading days: none in 2022 (Saturdays) or 2023 (Sundays)
        assertThat(io.dgas.app.schedule.LseHolidays.earlyCloses(2022, 2024).keySet())
                .isEqualTo(dates("2024-12-24", "2024-12-31"));
    }

    @Test
    void xetraHolidays_2024_theExchangesTradingHolidays() {
        assertThat(io.dgas.app.schedule.XetraHolidays.closed(2024, 2024))
                .isEqualTo(dates(
                        "2024-01-01",
                        "2024-03-29",
                        "2024-04-01",
                        "2024-05-01",
                        "2024-12-24",
                        "2024-12-25",
                        "2024-12-26",
                        "2024-12-31"));
    }

    @Test
    void market_byClassThenTheTickersExchange_europeanSessionsInTheirZones() {
        MarketHours hours = MarketHours.standard();

        assertThat(MarketHours.market("VOD.LSE", "stock")).isEqualTo(MarketHours.LSE);
        assertThat(MarketHours.market("sap.xetra", null)).isEqualTo(MarketHours.XETRA);
        assertThat(MarketHours.market("AAPL.US", "stock")).isEqualTo(MarketHours.US_EQUITIES);
        assertThat(MarketHours.market("EURUSD.FOREX", "forex")).isEqualTo(MarketHours.FOREX);
        assertThat(MarketHours.streamed(MarketHours.LSE)).isFalse();
        assertThat(MarketHours.streamed(MarketHours.FOREX)).isTrue();
        // Monday 3 June 2024: London 08:00-16:30 BST (07:00-15:30 UTC), Xetra 09:00-17:30 CEST (07:00-15:30 UTC)
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-06-03T06:59:59Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-06-03T07:00:00Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-06-03T15:30:00Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.XETRA, Instant.parse("2024-06-03T15:29:59Z")))
                .isTrue();
        // the early May bank holiday: London closed, Xetra and New York open
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-05-06T10:00:00Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.XETRA, Instant.parse("2024-05-06T10:00:00Z")))
                .isTrue();
        // Christmas Eve 2024: London until 12:30
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-12-24T12:29:59Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.LSE, Instant.parse("2024-12-24T12:30:00Z")))
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hours.isOpen("stock", Instant.EPOCH))
                .hasMessageContaining("unknown market 'stock'");
    }

    @Test
    void euronextHolidays_2024_theSixClosuresAndTwoHalfDays() {
        assertThat(io.dgas.app.schedule.EuronextHolidays.closed(2024, 2024))
                .isEqualTo(dates("2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-12-25", "2024-12-26"));
        assertThat(io.dgas.app.schedule.EuronextHolidays.earlyCloses(2024, 2024))
                .isEqualTo(java.util.Map.of(
                        java.time.LocalDate.parse("2024-12-24"), java.time.LocalTime.of(14, 5),
                        java.time.LocalDate.parse("2024-12-31"), java.time.LocalTime.of(14, 5)));
    }

    @Test
    void sixHolidays_2024_theExchangesTradingHolidays() {
        assertThat(io.dgas.app.schedule.SixHolidays.closed(2024, 2024))
                .isEqualTo(dates(
                        "2024-01-01",
                        "2024-01-02",
                        "2024-03-29",
                        "2024-04-01",
                        "2024-05-01",
                        "2024-05-09",
                        "2024-05-20",
                        "2024-08-01",
                        "2024-12-24",
                        "2024-12-25",
                        "2024-12-26",
                        "2024-12-31"));
    }

    @Test
    void tsxHolidays_2022And2023_weekendNewYearCanadaDayAndChristmasMoved() {
        // 2022: New Year's Day a Saturday, Christmas a Sunday; 2023: New Year's Day a Sunday, Canada Day a Saturday
        assertThat(io.dgas.app.schedule.TsxHolidays.closed(2022, 2023))
                .isEqualTo(dates(
                        "2022-01-03",
                        "2022-02-21",
                        "2022-04-15",
                        "2022-05-23",
                        "2022-07-01",
                        "2022-08-01",
                        "2022-09-05",
                        "2022-10-10",
                        "2022-12-26",
                        "2022-12-27",
                        "2023-01-02",
                        "2023-02-20",
                        "2023-04-07",
                        "2023-05-22",
                        "2023-07-03",
                        "2023-08-07",
                        "2023-09-04",
                        "2023-10-09",
                        "2023-12-25",
                        "2023-12-26"));
        assertThat(io.dgas.app.schedule.TsxHolidays.earlyCloses(2022, 2024).keySet())
                .as("24 December a Saturday in 2022 and a Sunday in 2023: no early close")
                .isEqualTo(dates("2024-12-24"));
    }

    @Test
    void asxHolidays_2021And2023_anzacDayNotMovedEarlyClosesOnTheFridayBefore() {
        // 2021: Anzac Day a Sunday (not moved), Christmas a Saturday and Boxing Day a Sunday; 2023: New Year's Day a
        // Sunday, 24 and 31 December Sundays (early closes on the Fridays before)
        assertThat(io.dgas.app.schedule.AsxHolidays.closed(2021, 2021))
                .isEqualTo(dates(
                        "2021-01-01",
                        "2021-01-26",
                        "2021-04-02",
                        "2021-04-05",
                        "2021-04-25",
                        "2021-06-14",
                        "2021-12-27",
                        "2021-12-28"));
        assertThat(io.dgas.app.schedule.AsxHolidays.closed(2023, 2023))
                .isEqualTo(dates(
                        "2023-01-02",
                        "2023-01-26",
                        "2023-04-07",
                        "2023-04-10",
                        "2023-04-25",
                        "2023-06-12",
                        "2023-12-25",
                        "2023-12-26"));
        assertThat(io.dgas.app.schedule.AsxHolidays.earlyCloses(2022, 2023).keySet())
                .as("2022: both full days")
                .isEqualTo(dates("2023-12-22", "2023-12-29"));
    }

    @Test
    void market_eodhdExchangeCodes_theirCalendarsOrNoneButAShareClassIsUs() {
        MarketHours hours = MarketHours.standard();

        assertThat(MarketHours.market("MC.PA", "stock")).isEqualTo(MarketHours.EURONEXT);
        assertThat(MarketHours.market("edp.ls", null)).isEqualTo(MarketHours.EURONEXT);
        assertThat(MarketHours.market("NESN.SW", "stock")).isEqualTo(MarketHours.SIX);
        assertThat(MarketHours.market("SHOP.TO", "stock")).isEqualTo(MarketHours.TSX);
        assertThat(MarketHours.market("BHP.AU", "stock")).isEqualTo(MarketHours.ASX);
        assertThat(MarketHours.market("0700.HK", "stock")).isEqualTo(MarketHours.HKEX);
        assertThat(MarketHours.market("005930.KO", "stock")).isEqualTo("ko");
        assertThat(MarketHours.market("BRK.B", "stock")).isEqualTo(MarketHours.US_EQUITIES);
        assertThat(MarketHours.market("BTC-USD.CC", "stock"))
                .as("the exchange the ticker names, whatever the class says")
                .isEqualTo(MarketHours.CRYPTO);
        assertThat(hours.covers("ko")).isFalse();
        assertThat(MarketHours.MARKETS)
                .as("every market scheduler.market accepts has its calendar")
                .allMatch(hours::covers);
        assertThat(MarketHours.EXCHANGES.values()).allMatch(MarketHours.MARKETS::contains);
        assertThat(hours.covers(MarketHours.ASX)).isTrue();
        assertThat(hours.covers(MarketHours.CRYPTO)).isTrue();
        assertThat(MarketHours.streamed(MarketHours.EURONEXT)).isFalse();
        assertThat(MarketHours.streamed(MarketHours.HKEX)).isFalse();
        // Monday 2 December 2024 in Hong Kong (UTC+8): the lunch break from 12:00 (04:00 UTC) to 13:00
        assertThat(hours.isOpen(MarketHours.HKEX, Instant.parse("2024-12-02T03:59:59Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.HKEX, Instant.parse("2024-12-02T04:30:00Z")))
                .isFalse();
        // Christmas Eve 2024, a Euronext half day: open at 14:04 Paris (13:04 UTC), closed from 14:05
        assertThat(hours.isOpen(MarketHours.EURONEXT, Instant.parse("2024-12-24T13:04:59Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.EURONEXT, Instant.parse("2024-12-24T13:05:00Z")))
                .isFalse();
        // Monday 2 December 2024, 10:00 Sydney (AEDT, UTC+11) is 23:00 UTC on Sunday 1 December
        assertThat(hours.isOpen(MarketHours.ASX, Instant.parse("2024-12-01T22:59:59Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.ASX, Instant.parse("2024-12-01T23:00:00Z")))
                .isTrue();
        // Toronto 09:30-16:00 (EST, UTC-5), Zurich 09:00-17:30 (CET, UTC+1) on Monday 2 December 2024
        assertThat(hours.isOpen(MarketHours.TSX, Instant.parse("2024-12-02T14:30:00Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.TSX, Instant.parse("2024-12-02T14:29:59Z")))
                .isFalse();
        assertThat(hours.isOpen(MarketHours.SIX, Instant.parse("2024-12-02T16:29:59Z")))
                .isTrue();
        assertThat(hours.isOpen(MarketHours.SIX, Instant.parse("2024-12-02T16:30:00Z")))
                .isFalse();
    }

    @Test
    void standard_aUsersCalendar_coversItsExchangeOrReplacesTheShippedOne() {
        io.dgas.app.schedule.ExchangeCalendar seoul =
                io.dgas.app.schedule.ExchangeCalendar.of(true, "Asia/Seoul", "09:00-15:30", java.util.Set.of());

        MarketHours hours = MarketHours.standard(java.util.Map.of("KO", seoul, "HK", seoul));

        assertThat(hours.covers("ko")).isTrue();
        assertThat(hours.exchanges()).contains("KO", "HK", "LSE").doesNotContain("CC", "FOREX", "NSE");
        // Monday 2 December 2024, 09:00 Seoul (00:00 UTC): open by the user's calendars, Hong Kong's replaced
        assertThat(hours.isOpen("ko", Instant.parse("2024-12-02T00:00:00Z"))).isTrue();
        assertThat(hours.isOpen(MarketHours.HKEX, Instant.parse("2024-12-02T00:00:00Z")))
                .isTrue();
        assertThat(MarketHours.standard().covers("ko")).isFalse();
        assertThat(MarketHours.fileCodes()).contains("KO", "NSE", "HK", "LSE").doesNotContain("CC", "FOREX");
    }
}
