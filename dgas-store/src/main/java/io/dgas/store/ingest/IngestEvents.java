package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import java.sql.SQLException;
import java.util.List;

/** The {@code bars} events of a bar load ({@link BarsEvents}), queued in the load's own transaction. */
final class IngestEvents {
    private IngestEvents() {}

    /** Queues {@code bars {symbol, timeframe, newest_ts, rows}} for every series of {@code changed}. */
    static void announce(SqlSession s, EventPublisher events, List<BarIngestor.SeriesCount> changed)
            throws SQLException {
        BarsEvents out = new BarsEvents();
        for (BarIngestor.SeriesCount c : changed) {
            out.add(c.ticker(), c.timeframe().code(), c.inserted() + c.updated());
        }
        out.announce(s, events);
    }
}
