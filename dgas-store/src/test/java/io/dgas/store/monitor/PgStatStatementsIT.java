package io.dgas.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ServerStatus;
import io.dgas.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A look-back window is the live counters minus the snapshot at its start, and says when no snapshot is that old. */
class PgStatStatementsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;
    private static PgStatStatements pss;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), io.dgas.store.StatementObserver.NONE);
        ServerStatus.enablePgStatStatements(db);
        pss = new PgStatStatements(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void top_snapshotBeforeWindowStart_countsOnlyCallsAfterIt() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        call("test.window", 7);
        assertThat(pss.record(now.minus(Duration.ofHours(2)))).isPositive();
        call("test.window", 5);

        // the snapshot 2 h ago is the baseline of a 1 h window: 5 calls, not the 12 of all time
        assertThat(pss.window(now, Duration.ofHours(1)))
                .isEqualTo(new PgStatStatements.Window(
                        now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(2)), true));
        assertThat(calls(pss.top(now, Duration.ofHours(1), 50, 1, 0))).isEqualTo(5);

        // a 3 h window starts before every snapshot: the oldest inside it is used, and the window says it is partial
        PgStatStatements.Window partial = pss.window(now, Duration.ofHours(3));
        assertThat(partial.complete()).isFalse();
        assertThat(partial.baseline()).isEqualTo(now.minus(Duration.ofHours(2)));
        assertThat(calls(pss.top(now, Duration.ofHours(3), 50, 1, 0))).isEqualTo(5);
    }

    @Test
    void window_noSnapshotAtAll_hasNoBaselineAndIsIncomplete() {
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");

        PgStatStatements.Window w = pss.window(longAgo, Duration.ofHours(1));

        assertThat(w.baseline()).isNull();
        assertThat(w.complete()).isFalse();
    }

    @Test
    void record_snapshotOlderThanKeep_isPruned() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        pss.snapshot(now.minus(PgStatStatements.KEEP).minus(Duration.ofDays(1)));

        pss.record(now);

        assertThat(db.queryOne(
                        "test.oldest",
                        "SELECT count(*) FROM query_stat_snapshots WHERE taken_at < ?",
                        ps -> ps.setTimestamp(1, java.sql.Timestamp.from(now.minus(PgStatStatements.KEEP))),
                        rs -> rs.getLong(1)))
                .contains(0L);
    }

    private static void call(String name, int times) {
        for (int i = 0; i < times; i++) {
            int n = i;
            db.query(name, "SELECT count(*) FROM symbols WHERE id > ?", ps -> ps.setInt(1, n), rs -> rs.getLong(1));
        }
    }

    private static long calls(List<ServerStatement> top) {
        return top.stream()
                .filter(s -> "test.window".equals(s.name()))
                .mapToLong(ServerStatement::calls)
                .sum();
    }
}
