package io.dgas.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.IngestListener;
import io.dgas.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's universe is made current by extending its walks: a later {@code dgas demo} never writes a stored bar
 * again (an earlier build regenerated the walks anchored at the new hour, moving every stored bar by the hours
 * passed and leaving signals and fills that no longer matched their bars).
 */
class SyntheticUniverseIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2026-12-07T10:20:00Z");
    private static final long HOUR = 3600;

    static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static BarColumns bars(String symbol, Timeframe tf) {
        return new BarRepository(db).range(symbol, tf, Instant.EPOCH, NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void ensure_laterHoursAndMoreSymbols_walksExtendedAndStoredBarsNeverWrittenAgain() {
        SyntheticUniverse.Result made = SyntheticUniverse.ensure(db, IngestListener.NONE, 2, NOW);
        BarColumns before = bars("SYN0001", Timeframe.H1);
        BarColumns fourBefore = bars("SYN0001", Timeframe.H4);
        SyntheticUniverse.Result same = SyntheticUniverse.ensure(db, IngestListener.NONE, 2, NOW.plusSeconds(600));

        SyntheticUniverse.Result later =
                SyntheticUniverse.ensure(db, IngestListener.NONE, 3, NOW.plus(Duration.ofHours(5)));

        assertThat(made.reused()).isFalse();
        assertThat(made.extended()).isFalse();
        assertThat(made.rows()).isEqualTo(2L * SyntheticUniverse.BARS);
        assertThat(before.size()).isEqualTo(SyntheticUniverse.BARS);
        long lastHour = Instant.parse("2026-12-07T09:00:00Z").getEpochSecond();
        assertThat(before.ts()[before.size() - 1]).isEqualTo(lastHour);
        assertThat(same.reused()).isTrue();
        assertThat(later.reused()).isFalse();
        assertThat(later.extended()).isTrue();
        assertThat(later.rows())
                .as("5 new hours of each stored walk and the whole of the new one")
                .isEqualTo(2 * 5L + (SyntheticUniverse.BARS + 5));
        BarColumns after = bars("SYN0001", Timeframe.H1);
        int n = before.size();
        assertThat(after.size()).isEqualTo(n + 5);
        assertThat(Arrays.copyOf(after.ts(), n)).isEqualTo(before.ts());
        assertThat(Arrays.copyOf(after.close(), n)).isEqualTo(before.close());
        assertThat(Arrays.copyOf(after.high(), n)).isEqualTo(before.high());
        assertThat(after.open()[n]).as("the walk goes on from its last close").isEqualTo(before.close()[n - 1]);
        assertThat(after.ts()[n + 4]).isEqualTo(lastHour + 5 * HOUR);
        BarColumns added = bars("SYN0003", Timeframe.H1);
        assertThat(added.size()).isEqualTo(n + 5);
        assertThat(added.ts()[0]).as("the same hours as the others").isEqualTo(before.ts()[0]);
        BarColumns fourHours = bars("SYN0001", Timeframe.H4);
        assertThat(fourBefore.ts()[fourBefore.size() - 1])
                .as("04:00-08:00, the last complete by 09:00")
                .isEqualTo(lastHour - 5 * HOUR);
        assertThat(fourHours.size())
                .as("08:00-12:00 completed by the new hours")
                .isEqualTo(fourBefore.size() + 1);
        assertThat(fourHours.ts()[fourHours.size() - 1]).isEqualTo(lastHour - HOUR);
        assertThat(Arrays.copyOf(fourHours.close(), fourBefore.size())).isEqualTo(fourBefore.close());
    }
}
