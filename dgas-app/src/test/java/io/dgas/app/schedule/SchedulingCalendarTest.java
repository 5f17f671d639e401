package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.app.stream.MarketHours;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scheduler.market}: cycles in a shipped market's calendar, or in the hand-written one of the other keys. */
class SchedulingCalendarTest {
    private static final MarketHours HOURS = MarketHours.standard();

    @TempDir
    Path dir;

    private ExchangeCalendar calendar(Map<String, String> env) {
        DgasConfig c = TestConfigs.load(dir, env);
        return Scheduling.calendar(c, HOURS);
    }

    @Test
    void calendar_marketEuronext_itsSessionHolidaysAndHalfDays() {
        ExchangeCalendar c = calendar(Map.of("DGAS_SCHEDULER_MARKET", "Euronext"));

        // Monday 2 December 2024 10:00 Paris; Easter Monday 2024; Christmas Eve 2024 after the 14:05 close
        assertThat(c.isOpen(Instant.parse("2024-12-02T09:00:00Z"))).isTrue();
        assertThat(c.isOpen(Instant.parse("2024-04-01T09:00:00Z"))).isFalse();
        assertThat(c.isOpen(Instant.parse("2024-12-24T13:30:00Z"))).isFalse();
    }

    @Test
    void calendar_marketCrypto_alwaysOpen_unsetIsTheSessionKeys() {
        assertThat(calendar(Map.of("DGAS_SCHEDULER_MARKET", "crypto")).isOpen(Instant.parse("2024-12-25T03:00:00Z")))
                .isTrue();
        ExchangeCalendar own =
                calendar(Map.of("DGAS_SCHEDULER_SESSION", "09:00-10:00", "DGAS_SCHEDULER_TIMEZONE", "UTC"));
        assertThat(own.isOpen(Instant.parse("2024-12-02T09:30:00Z"))).isTrue();
        assertThat(own.isOpen(Instant.parse("2024-12-02T10:30:00Z"))).isFalse();
    }

    @Test
    void calendar_marketWithASessionOfItsOwn_failsNamingBoth() {
        assertThatThrownBy(
                        () -> calendar(Map.of("DGAS_SCHEDULER_MARKET", "lse", "DGAS_SCHEDULER_SESSION", "08:00-16:30")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("scheduler.market")
                .hasMessageContaining("scheduler.session");
    }

    @Test
    void load_unknownMarket_failsNamingTheKeyAndTheMarkets() {
        assertThatThrownBy(() -> TestConfigs.load(dir, Map.of("DGAS_SCHEDULER_MARKET", "nasdaq")))
                .isInstanceOf(UnableToConfigureException.class)
                .hasMessageContaining("scheduler.market")
                .hasMessageContaining("us-equities, lse, xetra, euronext, six, tsx, asx, hkex, forex, crypto");
    }
}
