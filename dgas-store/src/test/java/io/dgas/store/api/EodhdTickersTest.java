package io.dgas.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EodhdTickersTest {
    @Test
    void rest_cryptoPair_getsTheCcExchange() {
        assertThat(EodhdTickers.rest("BTC-USD")).isEqualTo("BTC-USD.CC");
        assertThat(EodhdTickers.rest("eth-usdt")).isEqualTo("ETH-USDT.CC");
    }

    @Test
    void rest_usStockOrShareClass_getsTheUsExchange() {
        assertThat(EodhdTickers.rest("AAPL")).isEqualTo("AAPL.US");
        assertThat(EodhdTickers.rest("BRK-B")).isEqualTo("BRK-B.US");
    }

    @Test
    void rest_tickerNamingItsExchange_isKept() {
        assertThat(EodhdTickers.rest("AAPL.US")).isEqualTo("AAPL.US");
        assertThat(EodhdTickers.rest("VOD.LSE")).isEqualTo("VOD.LSE");
    }

    @Test
    void stream_restTicker_losesCcOrUsAndRoundTrips() {
        assertThat(EodhdTickers.stream("BTC-USD.CC")).isEqualTo("BTC-USD");
        assertThat(EodhdTickers.stream("AAPL.US")).isEqualTo("AAPL");
        assertThat(EodhdTickers.stream("VOD.LSE")).isEqualTo("VOD.LSE");
        for (String t : new String[] {"BTC-USD", "AAPL", "BRK-B"}) {
            assertThat(EodhdTickers.stream(EodhdTickers.rest(t))).isEqualTo(t);
        }
    }
}
