package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ServerStatus;
import io.dgas.store.StatementObserver;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The heuristic path (the embedded server has no hypopg): a frequent lookup without its index is found through
 * pg_stat_statements, suggested with a cost reduction, and built concurrently by add-indexes only with apply.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexAdvisorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;
    private static IndexSuggestion suggestion;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        ServerStatus.enablePgStatStatements(db);
        Seed.predictionRuns(db);
        for (int i = 0; i < 120; i++) {
            int n = i;
            db.query("test.runs-by-instance", Seed.LOOKUP, ps -> ps.setString(1, "host-" + n), rs -> rs.getLong(1));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<ServerStatement> workload() {
        return new PgStatStatements(db).top(Instant.now(), Duration.ofHours(1), 20, 100, 0);
    }

    @Test
    @Order(1)
    void suggest_frequentLookupWithoutIndex_suggestsItWithHeuristicCostReduction() {
        IndexAdvisor.Advice advice = new IndexAdvisor(db).suggest(workload(), 0.5, true);

        assertThat(advice.method()).isEqualTo("heuristic");
        assertThat(advice.suggestions()).as(advice.notes() + " " + workload()).hasSize(1);
        suggestion = advice.suggestions().get(0);
        assertThat(suggestion.table()).isEqualTo("prediction_runs");
        assertThat(suggestion.columns()).containsExactly("instance");
        assertThat(suggestion.afterCost()).isLessThan(suggestion.beforeCost() * 0.5);
        assertThat(suggestion.timeSavedMs()).isPositive();
        assertThat(suggestion.estimatedBytes()).isGreaterThan(30_000L * 12);
        assertThat(suggestion.ddl())
                .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"prediction_runs_instance_idx\""
                        + " ON \"prediction_runs\" (\"instance\")");
        assertThat(suggestion.queries()).singleElement().satisfies(q -> {
            assertThat(q.name()).isEqualTo("test.runs-by-instance");
            assertThat(q.calls()).isEqualTo(120);
        });
    }

    @Test
    @Order(2)
    void suggest_minSavingsAboveWhatTheIndexGives_suggestsNothing() {
        assertThat(new IndexAdvisor(db).suggest(workload(), 0.99999, true).suggestions())
                .isEmpty();
    }

    @Test
    @Order(3)
    void addIndexes_dryRun_plansConcurrentBuildAndChangesNothing() {
        List<String> before = Seed.catalogState(db);

        List<IndexBuilder.Step> plan = new IndexBuilder(db).plan(List.of(IndexSpec.of(suggestion)));

        assertThat(plan)
                .singleElement()
                .satisfies(s -> assertThat(s.statements()).containsExactly(suggestion.ddl()));
        assertThat(Seed.catalogState(db)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void addIndexes_anotherInstanceHoldsTheLock_refusesToRace() throws Exception {
        List<IndexBuilder.Step> plan = new IndexBuilder(db).plan(List.of(IndexSpec.of(suggestion)));
        try (Connection other = PG.connect();
                Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + IndexBuilder.LOCK_KEY + ")");

            assertThatThrownBy(() -> new IndexBuilder(db).apply(plan, Duration.ofSeconds(5), Duration.ofMinutes(5)))
                    .isInstanceOf(UnableToOptimizeException.class)
                    .hasMessageContaining("another instance is adding indexes");
            // released here, not by closing: the server ends a closed session's backend (and its locks) a moment
            // after the client has gone, and the next test's try-lock could still find it held
            st.execute("SELECT pg_advisory_unlock(" + IndexBuilder.LOCK_KEY + ")");
        }
        assertThat(indexValid("prediction_runs_instance_idx")).isNull();
    }

    @Test
    @Order(5)
    void addIndexes_apply_buildsTheSuggestedIndexConcurrentlyAndValid() {
        List<IndexBuilder.Step> plan = new IndexBuilder(db).plan(List.of(IndexSpec.of(suggestion)));

        List<String> done = new IndexBuilder(db).apply(plan, Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(done).containsExactly(suggestion.ddl());
        assertThat(indexValid("prediction_runs_instance_idx")).isTrue();
        // the same statement inside a transaction is refused by the server: success above means it ran outside one
        assertThatThrownBy(() -> db.inTransaction(s -> s.update(
                        "test.cic-in-tx",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS x_idx ON prediction_runs (status)",
                        ps -> {})))
                .hasMessageContaining("cannot run inside a transaction block");
        assertThat(new IndexAdvisor(db).suggest(workload(), 0.5, true).suggestions())
                .as("covered by the new index")
                .isEmpty();
    }

    @Test
    @Order(6)
    void addIndexes_missingDeclaredAndInvalidIndexes_areCreatedAndRebuilt() {
        Seed.exec(
                db,
                "SELECT dgas_create_month_partition('bars', '2024-03-01')",
                "SELECT dgas_create_month_partition('bars', '2024-04-01')",
                "DROP INDEX signals_created_idx",
                "DROP INDEX bars_timeframe_ts_idx");
        try {
            Seed.exec(db, "CREATE INDEX CONCURRENTLY planted_bad_idx ON prediction_runs ((1 / (symbols_failed - 4)))");
        } catch (RuntimeException expected) {
            // leaves an invalid index behind
        }
        Seed.exec(db, "DELETE FROM prediction_runs WHERE symbols_failed = 4");
        List<String> before = Seed.catalogState(db);

        List<IndexBuilder.Step> plan = new IndexBuilder(db).plan(IndexSpec.DECLARED);

        assertThat(Seed.catalogState(db)).isEqualTo(before);
        assertThat(plan)
                .extracting(IndexBuilder.Step::index)
                .containsExactlyInAnyOrder("signals_created_idx", "bars_timeframe_ts_idx", "planted_bad_idx");
        assertThat(plan)
                .filteredOn(s -> s.index().equals("bars_timeframe_ts_idx"))
                .singleElement()
                .satisfies(s -> assertThat(s.statements())
                        .containsExactly(
                                "CREATE INDEX IF NOT EXISTS \"bars_timeframe_ts_idx\""
                                        + " ON ONLY \"bars\" (timeframe, ts)",
                                "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"bars_y2024m03_timeframe_ts_idx\""
                                        + " ON \"bars_y2024m03\" (timeframe, ts)",
                                "ALTER INDEX \"bars_timeframe_ts_idx\" ATTACH PARTITION"
                                        + " \"bars_y2024m03_timeframe_ts_idx\"",
                                "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"bars_y2024m04_timeframe_ts_idx\""
                                        + " ON \"bars_y2024m04\" (timeframe, ts)",
                                "ALTER INDEX \"bars_timeframe_ts_idx\" ATTACH PARTITION"
                                        + " \"bars_y2024m04_timeframe_ts_idx\""));

        new IndexBuilder(db).apply(plan, Duration.ofSeconds(5), Duration.ofMinutes(5));

        assertThat(indexValid("signals_created_idx")).isTrue();
        assertThat(indexValid("bars_timeframe_ts_idx")).isTrue();
        assertThat(indexValid("planted_bad_idx")).isTrue();
        assertThat(new IndexBuilder(db).plan(IndexSpec.DECLARED)).isEmpty();
    }

    /** indisvalid of the index, or null when it does not exist. */
    private static Boolean indexValid(String name) {
        return db.queryOne(
                        "test.index-valid",
                        "SELECT x.indisvalid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                                + " WHERE c.relname = ?",
                        ps -> ps.setString(1, name),
                        rs -> rs.getBoolean(1))
                .orElse(null);
    }
}
