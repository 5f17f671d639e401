package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import io.dgas.store.events.BarsEvents;
import io.dgas.store.events.EventPublisher;
import java.sql.SQLException;
import java.util.List;

/** The {@code bars} events of a bar load ({@link BarsEvents}), queued in the load's own transaction. */
final class IngestEvents {
    private IngestEvents() {}

    /**
     * Queues {@code bars {symbol, timeframe, newest_ts, rows, from_ts}} for every series of {@code changed}, {@code
     * from_ts} the earliest row of the series in the loads' {@code ranges}.
     */
    static void announce(
            SqlSession s, EventPublisher events, List<BarIngestor.SeriesCount> changed, List<SeriesRanges> ranges)
            throws SQLException {
        BarsEvents out = new BarsEvents();
        for (BarIngestor.SeriesCount c : changed) {
            long from = Long.MAX_VALUE;
            for (SeriesRanges r : ranges) {
                from = Math.min(from, r.earliestSecond(c.ticker(), c.timeframe()));
            }
            // MIN_VALUE (a range unknown) stays unknown; MAX_VALUE (in no range) too
            out.add(
                    c.ticker(),
                    c.timeframe().code(),
                    c.inserted() + c.updated(),
                    from == Long.MAX_VALUE ? Long.MIN_VALUE : from);
        }
        out.announce(s, events);
    }
}
