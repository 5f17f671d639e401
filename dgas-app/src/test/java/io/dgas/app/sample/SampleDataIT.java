package io.dgas.app.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.IngestListener;
import io.dgas.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real sample data loads completely, aggregates as computed independently here, and a second load reuses it. */
class SampleDataIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Trade times (epoch seconds) straight from the resource, without any dgas code. */
    private static List<Long> tradeTimes() throws Exception {
        List<Long> ts = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SampleDataIT.class.getClassLoader().getResourceAsStream(SampleData.TRADES), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank()) {
                    ts.add(Long.parseLong(l.substring(0, l.indexOf(','))));
                }
            }
        }
        return ts;
    }

    @Test
    void load_twice_loadsExpectedCountsThenReuses() throws Exception {
        List<Long> trades = tradeTimes();
        long newest = trades.stream().mapToLong(Long::longValue).max().orElseThrow();
        // a bucket [start, start + len) is complete when some trade is at or after its end
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Timeframe tf : SampleData.BTC_TIMEFRAMES) {
            Set<Long> complete = new HashSet<>();
            for (long t : trades) {
                long bucket = Math.floorDiv(t, tf.seconds()) * tf.seconds();
                if (bucket + tf.seconds() <= newest) {
                    complete.add(bucket);
                }
            }
            expected.put(tf.code(), (long) complete.size());
        }

        SampleData.Summary first = SampleData.load(db, IngestListener.NONE);
        SampleData.Summary second = SampleData.load(db, IngestListener.NONE);

        assertThat(trades).hasSize(100_000);
        assertThat(first.reused()).isFalse();
        assertThat(first.ticks()).isEqualTo(100_000);
        assertThat(first.aaplBars()).isEqualTo(252);
        assertThat(first.btcBars()).isEqualTo(expected);
        assertThat(expected.get("1d")).isEqualTo(6); // 2013-11-25 .. 2013-11-30 complete; 2013-12-01 is forming
        assertThat(second.reused()).isTrue();
        assertThat(second.btcBars()).isEqualTo(expected);
        BarColumns aapl = new BarRepository(db).last(SampleData.AAPL, Timeframe.D1, 1);
        assertThat(aapl.size()).isOne();
    }
}
