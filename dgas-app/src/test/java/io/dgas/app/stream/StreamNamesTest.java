package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamNamesTest {
    private static StreamNames universe() {
        Map<String, String> u = new LinkedHashMap<>();
        u.put("BTCUSD", "crypto");
        u.put("ETH-USD", "crypto");
        u.put("AAPL", "stock");
        return StreamNames.of(u);
    }

    @Test
    void streamed_dashlessCryptoPair_isSubscribedUnderTheStreamsSpelling() {
        assertThat(universe().streamed(List.of("BTCUSD", "ETH-USD", "AAPL", "NEW")))
                .containsExactly("BTC-USD", "ETH-USD", "AAPL", "NEW");
    }

    @Test
    void storedAndAssetClass_streamedName_mapBackToTheStoredSymbol() {
        StreamNames n = universe();
        assertThat(n.stored("BTC-USD")).isEqualTo("BTCUSD");
        assertThat(n.stored("AAPL")).isEqualTo("AAPL");
        assertThat(n.stored("UNKNOWN")).isEqualTo("UNKNOWN");
        assertThat(n.assetClass("BTC-USD")).isEqualTo("crypto");
        assertThat(n.assetClass("UNKNOWN")).isNull();
    }

    @Test
    void accept_sinkStoringAsTheNames_keepsTheTradeUnderTheStoredTicker() {
        StreamNames n = universe();
        // accept is in memory only: no database is touched before store()
        StreamSink sink = new StreamSink(null, null, null, List.of(Timeframe.M1), 500).storingAs(n::stored);

        sink.accept(new Trade("BTC-USD", 1_700_000_000_000L, 42_000.5, 0.01));

        assertThat(sink.formingBars())
                .singleElement()
                .satisfies(b -> assertThat(b.symbol()).isEqualTo("BTCUSD"));
    }
}
