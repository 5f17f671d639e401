package io.dgas.app.cycle;

import io.dgas.app.demo.SyntheticBars;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import java.time.Instant;
import java.util.List;

/** Seeds a database with the deterministic synthetic universe: 1h bars ingested, 4h aggregated from them. */
public final class Seed {
    private Seed() {}

    public static void universe(Database db, int symbols, int bars, Instant end, long seed, boolean withHigher) {
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "synthetic",
                        new SyntheticBars(symbols, bars, Timeframe.H1, end, seed),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        if (withHigher) {
            new BarRollup(db, IngestListener.NONE)
                    .fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
        }
    }
}
