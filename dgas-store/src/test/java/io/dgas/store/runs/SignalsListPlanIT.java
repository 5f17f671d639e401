package io.dgas.store.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals list ({@code signals.filtered}: newest first, a page at a time) walks {@code signals_newest_idx} in
 * order and stops at the page instead of sorting every current signal (V104): its plan, as the server chooses it for
 * the statement with its parameters bound, over 30,000 signals.
 */
class SignalsListPlanIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.update("t", "INSERT INTO symbols (ticker, name) VALUES ('PLN', 'Plan Corp')", ps -> {});
        db.update(
                "t",
                "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status)"
                        + " VALUES (now(), '4h', '1h', 'success')",
                ps -> {});
        db.update(
                "t",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, confidence,"
                        + " strength, alignment) SELECT (SELECT max(id) FROM prediction_runs), s.id, '1h', now()"
                        + " - (g || ' minutes')::interval, CASE WHEN g % 2 = 0 THEN 'long' ELSE 'short' END, 100,"
                        + " random(), 1, 1 FROM symbols s, generate_series(1, 30000) g WHERE s.ticker = 'PLN'",
                ps -> {});
        db.update("t", "ANALYZE signals", ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void signalsList_newestPage_isAnOrderedWalkOfTheNewestIndexNotASort() {
        List<String> plan = db.withSession(s -> {
            try (var ps = s.connection()
                    .prepareStatement(
                            "EXPLAIN " + SignalReads.FILTERED.replace("LIMIT ? OFFSET ?", "LIMIT 50 OFFSET 0"))) {
                ps.setString(1, null);
                ps.setString(2, null);
                ps.setString(3, null);
                ps.setString(4, null);
                ps.setTimestamp(5, null);
                ps.setTimestamp(6, null);
                ps.setDouble(7, 0);
                ps.setString(8, null);
                ps.setString(9, null);
                ps.setString(10, null);
                ps.setObject(11, null, java.sql.Types.BIGINT);
                ps.setObject(12, null, java.sql.Types.BIGINT);
                List<String> lines = new java.util.ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return lines;
            }
        });
        List<StoredSignal> page = new SignalReads(db).signals(new SignalQuery(null, null, null, null, null, 50, 0));

        assertThat(String.join("\n", plan)).contains("signals_newest_idx").doesNotContain("Sort");
        assertThat(page).hasSize(50);
        assertThat(page.get(0).ts()).isAfterOrEqualTo(page.get(49).ts());
    }
}
