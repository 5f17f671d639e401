package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stream follows each symbol's market hours on a fake clock: crypto always, US equities 09:30–16:00 New York on
 * weekdays but holidays (2024-06-19, Juneteenth, is in the shipped list), to 13:00 on the shipped early-close days.
 */
class StreamSupervisorTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2024-06-18T12:00:00Z")); // Tue 08:00 New York
    private final Map<String, String> universe = new LinkedHashMap<>(Map.of("BTC-USD", "crypto", "AAPL", "stock"));
    private final List<List<String>> started = new ArrayList<>();
    private final List<List<String>> stopped = new ArrayList<>();

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private StreamSupervisor supervisor() {
        return new StreamSupervisor(() -> universe, MarketHours.standard(), clock, symbols -> {
            started.add(symbols);
            return () -> stopped.add(symbols);
        });
    }

    @Test
    void check_acrossATradingDayAndAHoliday_streamsEachSymbolOnlyWhileItsMarketIsOpenOneStreamPerMarket() {
        StreamSupervisor s = supervisor();

        s.check(); // before the US open: crypto only
        assertThat(s.streaming()).containsExactly("BTC-USD");
        clock.set(Instant.parse("2024-06-18T13:30:00Z")); // 09:30 New York: the open
        s.check();
        assertThat(s.streaming()).containsExactly("AAPL", "BTC-USD");
        clock.set(Instant.parse("2024-06-18T19:59:59Z")); // 15:59:59: still open, nothing restarts
        s.check();
        clock.set(Instant.parse("2024-06-18T20:00:00Z")); // 16:00: closed
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");
        clock.set(Instant.parse("2024-06-19T15:00:00Z")); // Juneteenth 11:00: a holiday
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");
        clock.set(Instant.parse("2024-06-22T15:00:00Z")); // Saturday
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");

        // one stream per market: the US open and close never restarted the crypto stream
        assertThat(started).containsExactly(List.of("BTC-USD"), List.of("AAPL"));
        assertThat(stopped).containsExactly(List.of("AAPL"));
        s.close();
        assertThat(stopped).containsExactly(List.of("AAPL"), List.of("BTC-USD"));
        assertThat(s.streaming()).isEmpty();
    }

    @Test
    void check_eachMarketsStream_isStartedForItsMarket_soItsFeedIsChosenByAssetClass() {
        clock.set(Instant.parse("2024-06-18T14:00:00Z")); // Tue 10:00 New York: both open
        universe.put("ABC-DEF", "stock"); // shaped like a crypto pair; the class says US equities
        universe.put("ETHUSD", "crypto");
        Map<String, List<String>> byMarket = new java.util.TreeMap<>();
        StreamSupervisor s = new StreamSupervisor(() -> universe, MarketHours.standard(), clock, (market, symbols) -> {
            byMarket.put(market, symbols);
            return () -> {};
        });

        s.check();

        assertThat(byMarket)
                .containsExactlyEntriesOf(new java.util.TreeMap<>(
                        Map.of("crypto", List.of("BTC-USD", "ETHUSD"), "us-equities", List.of("AAPL", "ABC-DEF"))));
        s.close();
    }

    @Test
    void endpoint_cryptoMarketOnTheCryptoFeed_forexOnTheForexFeed_othersOnTheUsFeed() {
        io.dgas.app.config.DgasConfig c = io.dgas.app.config.TestConfigs.load(
                dir, Map.of("DGAS_COLLECT_STREAM_URL", "ws://127.0.0.1:1/ws/crypto"));

        assertThat(TradeStreams.endpoint(c, "crypto")).hasToString("ws://127.0.0.1:1/ws/crypto");
        assertThat(TradeStreams.endpoint(c, "forex")).hasToString("wss://ws.eodhistoricaldata.com/ws/forex");
        assertThat(TradeStreams.endpoint(c, "us-equities")).hasToString("wss://ws.eodhistoricaldata.com/ws/us");
    }

    @Test
    void check_aLondonTickerInItsSession_neverStreamed_noFeedCarriesIt() {
        universe.put("VOD.LSE", "stock");
        clock.set(Instant.parse("2024-06-18T14:00:00Z")); // Tue 15:00 London, 10:00 New York
        StreamSupervisor s = supervisor();

        s.check();

        assertThat(s.streaming()).containsExactly("AAPL", "BTC-USD");
        s.close();
    }

    @Test
    void check_acrossTheForexWeek_forexStreamsFromSundayEveningToFridayEveningBesideTheUsSession() {
        universe.put("EURUSD", "forex");
        Map<String, List<String>> byMarket = new java.util.TreeMap<>();
        clock.set(Instant.parse("2024-06-09T20:59:59Z")); // Sunday 16:59:59 New York: crypto only
        StreamSupervisor s = new StreamSupervisor(() -> universe, MarketHours.standard(), clock, (market, symbols) -> {
            byMarket.put(market, symbols);
            return () -> byMarket.remove(market);
        });

        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");
        clock.set(Instant.parse("2024-06-09T21:00:00Z")); // Sunday 17:00: the forex week opens
        s.check();
        assertThat(byMarket).containsOnlyKeys("crypto", "forex").containsEntry("forex", List.of("EURUSD"));
        clock.set(Instant.parse("2024-06-12T07:00:00Z")); // Wednesday 03:00: forex, not US equities
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD", "EURUSD");
        clock.set(Instant.parse("2024-06-14T15:00:00Z")); // Friday 11:00: all three markets
        s.check();
        assertThat(byMarket).containsOnlyKeys("crypto", "forex", "us-equities");
        clock.set(Instant.parse("2024-06-14T21:00:00Z")); // Friday 17:00: the week closes
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");
        s.close();
    }

    @Test
    void check_dayAfterThanksgiving_usEquitiesStopAtTheEarlyClose() {
        clock.set(Instant.parse("2025-11-28T17:59:59Z")); // Fri 12:59:59 New York (EST, UTC-5): still open
        StreamSupervisor s = supervisor();
        s.check();
        assertThat(s.streaming()).containsExactly("AAPL", "BTC-USD");
        clock.set(Instant.parse("2025-11-28T18:00:00Z")); // 13:00: the early close
        s.check();
        assertThat(s.streaming()).containsExactly("BTC-USD");
        s.close();
    }

    @Test
    void isOpen_shippedEarlyCloses_closedFrom1300NewYorkOpenBefore() {
        MarketHours hours = MarketHours.standard();
        // July 3 2024 and 2025 (EDT, UTC-4), Christmas Eve and the day after Thanksgiving (EST, UTC-5)
        for (String day : List.of("2024-07-03T16:59:59Z", "2025-07-03T16:59:59Z")) {
            clock.set(Instant.parse(day));
            assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant()))
                    .as(day)
                    .isTrue();
            clock.set(clock.instant().plusSeconds(1));
            assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant()))
                    .as(day + " + 1 s")
                    .isFalse();
        }
        for (String day : List.of(
                "2024-11-29T17:59:59Z",
                "2024-12-24T17:59:59Z",
                "2025-12-24T17:59:59Z",
                "2026-11-27T17:59:59Z",
                "2026-12-24T17:59:59Z",
                "2027-11-26T17:59:59Z")) {
            clock.set(Instant.parse(day));
            assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant()))
                    .as(day)
                    .isTrue();
            clock.set(clock.instant().plusSeconds(1));
            assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant()))
                    .as(day + " + 1 s")
                    .isFalse();
            assertThat(hours.isOpen("crypto", clock.instant())).isTrue();
        }
        // an ordinary day keeps its 16:00 close; 2026-07-03 is the observed Independence Day, closed all day
        clock.set(Instant.parse("2025-11-26T18:00:00Z"));
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant())).isTrue();
        clock.set(Instant.parse("2026-07-03T15:00:00Z"));
        assertThat(hours.isOpen(MarketHours.US_EQUITIES, clock.instant())).isFalse();
    }

    @Test
    void check_everyMarketClosed_runsNoStream() {
        universe.remove("BTC-USD");
        clock.set(Instant.parse("2024-06-22T15:00:00Z")); // Saturday
        StreamSupervisor s = supervisor();

        s.check();

        assertThat(started).isEmpty();
        assertThat(s.streaming()).isEmpty();
        clock.set(Instant.parse("2024-06-24T13:30:00Z")); // Monday's open
        s.check();
        assertThat(started).containsExactly(List.of("AAPL"));
        s.close();
    }

    @Test
    void isOpen_usEquitiesAroundTheSession_openFromTheOpenUntilBeforeTheClose() {
        MarketHours h = MarketHours.standard();

        assertThat(h.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-06-18T13:29:59Z")))
                .isFalse();
        assertThat(h.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-06-18T13:30:00Z")))
                .isTrue();
        assertThat(h.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-12-25T15:00:00Z")))
                .isFalse();
        assertThat(h.isOpen("crypto", Instant.parse("2024-12-25T15:00:00Z"))).isTrue();
        // winter time: 09:30 New York is 14:30 UTC
        assertThat(h.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-12-02T14:29:00Z")))
                .isFalse();
        assertThat(h.isOpen(MarketHours.US_EQUITIES, Instant.parse("2024-12-02T14:30:00Z")))
                .isTrue();
    }
}
