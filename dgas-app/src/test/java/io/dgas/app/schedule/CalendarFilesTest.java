package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.config.UnableToConfigureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarFilesTest {
    private static final Path FILE = Path.of("calendars", "KO.txt");

    @TempDir
    Path dir;

    @Test
    void parse_zoneSessionBreakHolidaysAndAnEarlyClose_aCalendarOfThem() {
        ExchangeCalendar c = CalendarFiles.parse(
                FILE,
                List.of(
                        "# an example, not an exchange's calendar",
                        "zone Asia/Seoul",
                        "session 09:00-15:30   # local time",
                        "break 11:30-12:30",
                        "",
                        "2025-01-01",
                        "2025-12-30 13:00"));

        assertThat(c.zone().getId()).isEqualTo("Asia/Seoul");
        assertThat(c.open()).isEqualTo(LocalTime.of(9, 0));
        assertThat(c.close()).isEqualTo(LocalTime.of(15, 30));
        assertThat(c.holidays()).containsExactly(LocalDate.parse("2025-01-01"));
        assertThat(c.earlyCloses()).isEqualTo(Map.of(LocalDate.parse("2025-12-30"), LocalTime.of(13, 0)));
        // Monday 6 January 2025, Seoul is UTC+9: 09:00-11:30 and 12:30-15:30 are 00:00-02:30 and 03:30-06:30 UTC
        assertThat(c.sessions(Instant.parse("2025-01-06T00:00:00Z"), Instant.parse("2025-01-06T12:00:00Z")))
                .containsExactly(
                        new ExchangeCalendar.Session(
                                Instant.parse("2025-01-06T00:00:00Z"), Instant.parse("2025-01-06T02:30:00Z")),
                        new ExchangeCalendar.Session(
                                Instant.parse("2025-01-06T03:30:00Z"), Instant.parse("2025-01-06T06:30:00Z")));
        assertThat(c.isOpen(Instant.parse("2025-01-01T01:00:00Z")))
                .as("the holiday")
                .isFalse();
        assertThat(c.isOpen(Instant.parse("2025-01-04T01:00:00Z")))
                .as("a Saturday")
                .isFalse();
        assertThat(c.isOpen(Instant.parse("2025-12-30T04:30:00Z")))
                .as("13:30, after the early close")
                .isFalse();
    }

    @Test
    void parse_mistakes_eachNamesTheFileTheLineAndTheValue() {
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone Asia/Nowhere")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageStartingWith(FILE + " line 1: 'zone Asia/Nowhere': not a date, time or time zone");
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone UTC", "session 9-5")))
                .hasMessageStartingWith(FILE + " line 2: 'session 9-5': not a date, time or time zone");
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone UTC", "session 16:00-09:00")))
                .hasMessageStartingWith(FILE + " line 2: 'session 16:00-09:00': session end 09:00 must be after");
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone UTC", "session 09:00-15:00", "2025-02-30")))
                .hasMessageStartingWith(FILE + " line 3: '2025-02-30': not a date");
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone UTC", "2025-01-01 13:00 x")))
                .hasMessageStartingWith(FILE + " line 2: '2025-01-01 13:00 x': expected a date and an optional HH:mm");
        assertThatThrownBy(() -> CalendarFiles.parse(FILE, List.of("zone UTC", "2025-01-01")))
                .hasMessage(FILE + ": needs a 'zone' line (Asia/Seoul) and a 'session' line (09:00-15:30)");
        assertThatThrownBy(() ->
                        CalendarFiles.parse(FILE, List.of("zone UTC", "session 09:00-15:00", "break 08:00-10:00")))
                .hasMessageStartingWith(FILE + ": a break must lie inside a day's session (09:00-15:00)");
    }

    @Test
    void load_filesByExchangeCode_aFileOfAnUnknownCodeStopsTheLoad() throws Exception {
        assertThat(CalendarFiles.load(dir.resolve("none"), Set.of("KO"))).isEmpty();
        Files.writeString(dir.resolve("ko.txt"), "zone Asia/Seoul\nsession 09:00-15:30\n");
        Files.writeString(dir.resolve("notes.md"), "not a calendar: another suffix");

        assertThat(CalendarFiles.load(dir, Set.of("KO", "NSE"))).containsOnlyKeys("KO");

        Files.writeString(dir.resolve("ZZ.txt"), "zone UTC\nsession 09:00-15:30\n");
        assertThatThrownBy(() -> CalendarFiles.load(dir, Set.of("KO", "NSE")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessage(dir.resolve("ZZ.txt") + ": ZZ is not an exchange code of the market-data API; name the"
                        + " file by one of KO, NSE (KO.txt for 005930.KO)");
    }
}
