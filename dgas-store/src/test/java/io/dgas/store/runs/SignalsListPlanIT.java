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
        // 300 runs of 100 signals each, as a cycle a day over a universe would leave them
        db.update(
                "t",
                "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status)"
                        + " SELECT now() - (g || ' hours')::interval, '4h', '1h', 'success' FROM generate_series(1, 300) g",
                ps -> {});
        db.update(
                "t",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, confidence,"
                        + " strength, alignment) SELECT (SELECT min(id) FROM prediction_runs) + (g - 1) / 100, s.id,"
                        + " '1h', now() - (g || ' minutes')::interval, CASE WHEN g % 2 = 0 THEN 'long' ELSE 'short'"
                        + " END, 100, random(), 1, 1 FROM symbols s, generate_series(1, 30000) g WHERE s.ticker = 'PLN'",
                ps -> {});
        // an older run with a few signals, two months back: behind every signal of the run above in the newest order
        db.update(
                "t",
                "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status)"
                        + " VALUES (now() - interval '60 days', '4h', '1h', 'success')",
                ps -> {});
        db.update(
                "t",
                "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, confidence,"
                        + " strength, alignment) SELECT (SELECT max(id) FROM prediction_runs), s.id, '1h', now()"
                        + " - interval '60 days' - (g || ' hours')::interval, 'long', 100, 0.5, 1, 1 FROM symbols s,"
                        + " generate_series(1, 20) g WHERE s.ticker = 'PLN'",
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

    @Test
    void signalsList_ofAnOlderRun_readByTheRunIndexEvenAsAGenericPlan() {
        long older = db.queryOne("t", "SELECT max(id) FROM prediction_runs", ps -> {}, rs -> rs.getLong(1))
                .orElseThrow();
        List<String> plan = db.withSession(s -> {
            try (var st = s.connection().createStatement()) {
                // the plan a server-prepared statement settles on after its first executions
                st.execute("SET plan_cache_mode = force_generic_plan");
                st.execute("PREPARE by_run(text, text, text, text, timestamptz, timestamptz, float8, text, text, text,"
                        + " bigint, int, int) AS " + numbered(SignalReads.FILTERED_BY_RUN));
                List<String> lines = new java.util.ArrayList<>();
                try (var rs = st.executeQuery("EXPLAIN EXECUTE by_run(NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL,"
                        + " NULL, NULL, " + older + ", 50, 0)")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                st.execute("DEALLOCATE by_run");
                st.execute("RESET plan_cache_mode");
                return lines;
            }
        });
        List<StoredSignal> page =
                new SignalReads(db).signals(new SignalQuery(null, null, null, null, null, 50, 0, older));

        assertThat(String.join("\n", plan)).contains("signals_run_idx").doesNotContain("signals_newest_idx");
        assertThat(page).hasSize(20).allSatisfy(g -> assertThat(g.runId()).isEqualTo(older));
        assertThat(page.get(0).ts()).isAfter(page.get(19).ts());
    }

    /** {@code sql} with its {@code ?} placeholders numbered $1, $2, … for PREPARE. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
