package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cycle.ShownTimeframes;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.SymbolTimeframes;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream keeps seven timeframes forming per symbol; the feed publishes only those the symbol is analysed at: the
 * cycle's 1h and 4h for a symbol with hourly bars, and also its own 1d for a symbol with daily bars only.
 */
class FormingFeedIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final long DAY = 86_400;
    private static final long START = 1_735_689_600L; // 2025-01-01T00:00:00Z

    @Test
    void publish_sevenTimeframesForming_onlyTheAnalysedOnesArePublished() {
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
            for (int i = 0; i < 30; i++) {
                csv.append(START + i * 3600).append(",HOURLY,1h,10,11,9,10.5,100\n");
                csv.append(START + i * DAY).append(",DAILY,1d,10,11,9,10.5,100\n");
            }
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(
                            "seed",
                            new StringReader(csv.toString()),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));
            StreamSink sink = new StreamSink(
                    new TickIngestor(db),
                    new BarIngestor(db, IngestListener.NONE),
                    IngestOptions.defaults(),
                    TradeStreams.TIMEFRAMES,
                    500);
            List<EventPublisher.Event> sent = new ArrayList<>();
            EventPublisher capture = new EventPublisher() {
                @Override
                public void publish(SqlSession s, List<Event> events) {
                    sent.addAll(events);
                }

                @Override
                public void publish(List<Event> events) {
                    sent.addAll(events);
                }
            };
            FormingFeed feed = new FormingFeed(
                    sink,
                    new BarRepository(db),
                    capture,
                    50,
                    new ShownTimeframes(Timeframe.H1, Timeframe.H4, new SymbolTimeframes(db)));
            long millis = (START + 40 * DAY) * 1000 + 1_000;
            sink.accept(new Trade("HOURLY", millis, 10.7, 1));
            sink.accept(new Trade("DAILY", millis, 10.8, 1));
            assertThat(sink.formingBars()).hasSize(2 * TradeStreams.TIMEFRAMES.size());

            int events = feed.publish();

            TreeSet<String> published = new TreeSet<>();
            for (EventPublisher.Event e : sent) {
                assertThat(e.name()).isEqualTo("forming");
                published.add(e.data().get("symbol") + " " + e.data().get("timeframe"));
            }
            assertThat(published).containsExactly("DAILY 1d", "DAILY 1h", "DAILY 4h", "HOURLY 1h", "HOURLY 4h");
            assertThat(events).isEqualTo(5);
            // nothing changed: nothing sent again
            assertThat(feed.publish()).isZero();
        }
    }
}
