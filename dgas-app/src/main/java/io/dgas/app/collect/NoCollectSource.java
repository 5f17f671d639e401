package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.Set;

/** The null source of {@code collect.source: none}: serves no timeframe; asking it for bars is a programming error. */
final class NoCollectSource implements CollectSource {
    static final NoCollectSource INSTANCE = new NoCollectSource();

    private NoCollectSource() {}

    @Override
    public Set<Timeframe> timeframes() {
        return Set.of();
    }

    @Override
    public String barsCsv(String symbol, String assetClass, Timeframe tf, Instant from, Instant to) {
        throw new IllegalStateException("collect.source is none: no bars to fetch for " + symbol + " " + tf);
    }
}
