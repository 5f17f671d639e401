package io.dgas.app.collect;

import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.Set;

/** Where the cycle's collect stage fetches new bars from ({@code collect.source}). */
public interface CollectSource {
    /** The timeframes this source serves; series at other timeframes are not collected (empty: collect nothing). */
    Set<Timeframe> timeframes();

    /**
     * Bars of {@code symbol} (stored asset class {@code assetClass}, which may name it at the source) at {@code tf}
     * opening in [from, to], in any order, as bars CSV ({@code timestamp,symbol,interval,open,high,low,close,volume})
     * for the ingest path.
     *
     * @throws io.dgas.DgasException when the source cannot deliver them (after its own retries)
     */
    String barsCsv(String symbol, String assetClass, Timeframe tf, Instant from, Instant to);

    /** {@code collect.source: none}: serves nothing, so the stage costs nothing. */
    static CollectSource none() {
        return NoCollectSource.INSTANCE;
    }
}
