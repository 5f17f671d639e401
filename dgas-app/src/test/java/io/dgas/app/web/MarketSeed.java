package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.domain.Timeframe;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.BarsBuilder;
import java.io.StringReader;

/** Bar series for the analysis endpoint and the market page, ingested through the real ingest path. */
final class MarketSeed {
    private MarketSeed() {}

    /**
     * {@code n} bars of {@code symbol} at {@code tf} from 2025-01-06: a rising wave around {@code base}, so the
     * analysis has trends, congestion and zones.
     */
    static void wave(AppContext ctx, String symbol, Timeframe tf, int n, double base) {
        double[] closes = new double[n];
        for (int i = 0; i < n; i++) {
            closes[i] = base * (1 + 0.0015 * i + 0.04 * Math.sin(i / 7.0) + 0.01 * Math.sin(i * 1.3));
        }
        String csv = BarsBuilder.of(symbol, tf, "2025-01-06T00:00:00Z")
                .closes(closes)
                .csv();
        new BarIngestor(ctx.database(), ctx.ingestListener())
                .ingest(
                        symbol + ".csv",
                        new StringReader(csv),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
    }
}
