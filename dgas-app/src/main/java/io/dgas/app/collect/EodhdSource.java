package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import io.dgas.store.api.EodhdClient;
import io.dgas.store.api.EodhdTickers;
import java.time.Instant;
import java.util.Set;

/**
 * EODHD over REST: {@code /api/eod/{SYM}} for daily bars, {@code /api/intraday/{SYM}?interval=…} for 1h, 5m and 1m,
 * paced by the client's token bucket, 429 (Retry-After) and 5xx retried with backoff, unreadable (e.g. truncated)
 * bodies refused. A stored ticker is asked under its REST name by its stored asset class ({@link EodhdTickers}: a stock
 * {@code AAPL} as {@code AAPL.US}, a crypto {@code BTC-USD} as {@code BTC-USD.CC}); the bars keep the stored one.
 */
final class EodhdSource implements CollectSource {
    private static final Set<Timeframe> SERVED = Set.of(Timeframe.M1, Timeframe.M5, Timeframe.H1, Timeframe.D1);

    private final EodhdClient client;

    EodhdSource(EodhdClient client) {
        this.client = client;
    }

    @Override
    public Set<Timeframe> timeframes() {
        return SERVED;
    }

    @Override
    public String barsCsv(String symbol, String assetClass, Timeframe tf, Instant from, Instant to) {
        return client.barsCsv(symbol, EodhdTickers.rest(symbol, assetClass), tf, from, to);
    }
}
