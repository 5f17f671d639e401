package io.dgas.store.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EodhdTickersTest {
    @Test
    void rest_cryptoClass_getsTheCcExchangeWhateverTheShape() {
        assertThat(EodhdTickers.rest("BTC-USD", "crypto")).isEqualTo("BTC-USD.CC");
        assertThat(EodhdTickers.rest("eth-usdt", "crypto")).isEqualTo("ETH-USDT.CC");
    }

    @Test
    void rest_cryptoPairWithoutDash_isSplitBeforeItsQuoteAsEodhdNamesIt() {
        assertThat(EodhdTickers.rest("BTCUSD", "crypto")).isEqualTo("BTC-USD.CC");
        assertThat(EodhdTickers.rest("ethusdt", "crypto")).isEqualTo("ETH-USDT.CC");
        assertThat(EodhdTickers.rest("USDTUSD", "crypto")).isEqualTo("USDT-USD.CC");
        assertThat(EodhdTickers.rest("ETHBTC", "crypto")).isEqualTo("ETH-BTC.CC");
        // no known quote, or no base left before it: kept as stored
        assertThat(EodhdTickers.rest("DOGEXYZ", "crypto")).isEqualTo("DOGEXYZ.CC");
        assertThat(EodhdTickers.rest("XUSD", "crypto")).isEqualTo("XUSD.CC");
        // only a crypto pair is split: a stock ending in USD is not
        assertThat(EodhdTickers.rest("ABCUSD", "stock")).isEqualTo("ABCUSD.US");
    }

    @Test
    void streamName_storedTicker_isTheStreamsSpelling() {
        assertThat(EodhdTickers.streamName("BTCUSD", "crypto")).isEqualTo("BTC-USD");
        assertThat(EodhdTickers.streamName("BTC-USD", "crypto")).isEqualTo("BTC-USD");
        assertThat(EodhdTickers.streamName("AAPL", "stock")).isEqualTo("AAPL");
        // no REST exchange leaks into a streamed name
        assertThat(EodhdTickers.streamName("EURUSD", "forex")).isEqualTo("EURUSD");
        assertThat(EodhdTickers.streamName("AAPL.US", "stock")).isEqualTo("AAPL");
        assertThat(EodhdTickers.streamName("EURUSD.FOREX", "forex")).isEqualTo("EURUSD");
    }

    @Test
    void rest_stockOrEtfClass_getsTheUsExchangeWhateverTheShape() {
        assertThat(EodhdTickers.rest("AAPL", "stock")).isEqualTo("AAPL.US");
        assertThat(EodhdTickers.rest("BRK-B", "stock")).isEqualTo("BRK-B.US");
        // shaped like a crypto pair, but the symbols table says it is a stock
        assertThat(EodhdTickers.rest("ABC-DEF", "stock")).isEqualTo("ABC-DEF.US");
        assertThat(EodhdTickers.rest("SPY", "etf")).isEqualTo("SPY.US");
        assertThat(EodhdTickers.rest("XYZ", null)).isEqualTo("XYZ.US");
    }

    @Test
    void rest_forexAndIndexClasses_getTheirExchanges() {
        assertThat(EodhdTickers.rest("EURUSD", "forex")).isEqualTo("EURUSD.FOREX");
        assertThat(EodhdTickers.rest("GSPC", "INDEX")).isEqualTo("GSPC.INDX");
    }

    @Test
    void rest_tickerNamingItsExchange_isKept() {
        assertThat(EodhdTickers.rest("AAPL.US", "stock")).isEqualTo("AAPL.US");
        assertThat(EodhdTickers.rest("VOD.LSE", "stock")).isEqualTo("VOD.LSE");
        assertThat(EodhdTickers.rest("BTC-USD.CC", "stock")).isEqualTo("BTC-USD.CC");
    }

    @Test
    void impliedClass_exchangeOfAClass_namesIt_otherExchangesSayNothing() {
        assertThat(EodhdTickers.impliedClass("BTC-USD.CC")).contains("crypto");
        assertThat(EodhdTickers.impliedClass("eurusd.forex")).contains("forex");
        assertThat(EodhdTickers.impliedClass("GSPC.INDX")).contains("index");
        assertThat(EodhdTickers.impliedClass("AAPL.US")).isEmpty();
        assertThat(EodhdTickers.impliedClass("BTC-USD")).isEmpty();
    }

    @Test
    void stream_restTicker_losesCcOrUsAndRoundTrips() {
        assertThat(EodhdTickers.stream("BTC-USD.CC")).isEqualTo("BTC-USD");
        assertThat(EodhdTickers.stream("AAPL.US")).isEqualTo("AAPL");
        assertThat(EodhdTickers.stream("VOD.LSE")).isEqualTo("VOD.LSE");
        assertThat(EodhdTickers.stream("gbpusd.forex")).isEqualTo("GBPUSD");
        assertThat(EodhdTickers.stream(EodhdTickers.rest("BTC-USD", "crypto"))).isEqualTo("BTC-USD");
        for (String t : new String[] {"AAPL", "BRK-B"}) {
            assertThat(EodhdTickers.stream(EodhdTickers.rest(t, "stock"))).isEqualTo(t);
        }
    }
}
