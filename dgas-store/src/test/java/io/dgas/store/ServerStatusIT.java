package io.dgas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.testkit.PostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dgas status}'s row counts: exact for small tables, the planner's estimate (from the table's size and the
 * share of soft-deleted rows, without reading it) for large ones, which are named so the report can say so.
 */
class ServerStatusIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        exec("INSERT INTO symbols (ticker) VALUES ('STA')");
        db.queryOne(
                "test.partition",
                "SELECT dgas_create_month_partition('bars', timestamptz '2025-02-03')",
                ps -> {},
                rs -> rs.getString(1));
        // 2,000 bars, 200 of them soft-deleted: 1,800 active
        exec("INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1m',"
                + " timestamptz '2025-02-03 00:00Z' + g * interval '1 minute', 10, 12, 9, 11, 100"
                + " FROM symbols, generate_series(0, 1999) g WHERE ticker = 'STA'");
        exec(
                "UPDATE bars SET deleted_at = now() WHERE ts >= timestamptz '2025-02-03 00:00Z' + interval '1800 minutes'");
        exec("ANALYZE bars");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void exec(String sql) {
        db.update("test.exec", sql, ps -> {});
    }

    @Test
    void read_smallTables_countsExactly() {
        ServerStatus s = ServerStatus.read(db);

        assertThat(s.rowCounts()).containsEntry("bars", 1800L).containsEntry("symbols", 1L);
        assertThat(s.estimatedCounts()).isEmpty();
    }

    @Test
    void read_tablesAboveTheExactSize_plannerEstimateOfTheActiveRowsNamedAsEstimated() {
        ServerStatus s = ServerStatus.read(db, 0);

        assertThat(s.estimatedCounts()).contains("bars", "symbols").doesNotContain("ticks");
        // the estimate counts the table's rows less the soft-deleted share its statistics give (10 %)
        assertThat((double) s.rowCounts().get("bars")).isCloseTo(1800, within(90.0));
        assertThat(s.rowCounts()).as("an empty table is counted").containsEntry("ticks", 0L);
    }
}
