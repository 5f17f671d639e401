package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.migrate.Migrator;
import io.dgas.store.monitor.ServerStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hypopg path, on the machine's local PostgreSQL (where hypopg is installed; the embedded server has none).
 * Skipped, with the reason, when that server or the extension is not there. The local server is PostgreSQL 15, so
 * this also covers the PREPARE + force_generic_plan planning of normalised statements.
 */
class HypopgAdvisorIT {
    private static final String ADMIN = System.getenv()
            .getOrDefault("DGAS_HYPOPG_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private static String dbName;
    private static Database db;
    private static String skipReason;

    @BeforeAll
    static void createDatabase() throws SQLException {
        boolean hypopg;
        try (Connection c = DriverManager.getConnection(ADMIN + "&connectTimeout=3");
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'hypopg'")) {
            rs.next();
            hypopg = rs.getLong(1) > 0;
        } catch (SQLException e) {
            skipReason = "local PostgreSQL at " + ADMIN + " is not reachable (" + e.getMessage()
                    + "): hypopg path not tested";
            return;
        }
        if (!hypopg) {
            skipReason = "hypopg is not installed on the local PostgreSQL (apt-get install postgresql-15-hypopg):"
                    + " hypopg path not tested";
            return;
        }
        dbName = "opt_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(ADMIN);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + dbName);
        }
        String url = ADMIN.replace("/postgres?", "/" + dbName + "?");
        db = Database.open(DatabaseSettings.defaults(url, null, null), StatementObserver.NONE);
        new Migrator(db).migrate();
        Seed.exec(db, "CREATE EXTENSION hypopg");
        Seed.predictionRuns(db);
    }

    /** Every test is reported as skipped, with the reason, when the server or the extension is missing. */
    @BeforeEach
    void requireLocalServerWithHypopg() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (dbName != null) {
            try (Connection c = DriverManager.getConnection(ADMIN);
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
            }
        }
    }

    private static List<ServerStatement> workload() {
        // the local server does not preload pg_stat_statements: the workload is given as the view would report it
        return List.of(
                new ServerStatement(
                        1L,
                        "test.runs-by-instance",
                        "/* dgas:test.runs-by-instance */ SELECT id, started_at FROM prediction_runs"
                                + " WHERE instance = $1",
                        500,
                        15_000,
                        15_000,
                        1),
                new ServerStatement(
                        2L,
                        "test.by-id",
                        "SELECT status FROM prediction_runs WHERE id = $1",
                        10_000,
                        2_000,
                        10_000,
                        1));
    }

    @Test
    void suggest_hypopgInstalled_verifiesTheMissingIndexWithTheRealPlanner() {
        IndexAdvisor.Advice advice = new IndexAdvisor(db).suggest(workload(), 0.5, true);

        assertThat(advice.method()).isEqualTo("hypopg");
        assertThat(advice.planning()).startsWith("PREPARE");
        assertThat(advice.suggestions())
                .as(advice.notes().toString())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.table()).isEqualTo("prediction_runs");
                    assertThat(s.columns()).containsExactly("instance");
                    assertThat(s.afterCost()).isLessThan(s.beforeCost() * 0.5);
                    assertThat(s.estimatedBytes()).isPositive();
                    assertThat(s.timeSavedMs()).isGreaterThan(15_000 * 0.5);
                    assertThat(s.queries())
                            .extracting(IndexSuggestion.HelpedQuery::queryid)
                            .containsExactly(1L);
                });
        assertThat(hypotheticalIndexes())
                .as("hypothetical indexes are reset after each try")
                .isZero();
    }

    @Test
    void addIndexes_applySuggestion_buildsItValidOnTheLocalServer() {
        IndexSuggestion s = new IndexAdvisor(db)
                .suggest(workload(), 0.5, true)
                .suggestions()
                .get(0);

        new IndexBuilder(db)
                .apply(
                        new IndexBuilder(db).plan(List.of(IndexSpec.of(s))),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5));

        assertThat(db.queryOne(
                        "test.valid",
                        "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)",
                        ps -> ps.setString(1, s.name()),
                        rs -> rs.getBoolean(1)))
                .contains(true);
    }

    @Test
    void verifyUnused_hypopgWithoutHideIndex_saysWhyItCannotVerify() {
        List<IndexInfo> unused = new IndexCatalog(db).unused(0);

        HiddenIndexCheck.Result r = new HiddenIndexCheck(db).verify(unused, workload());

        boolean hasHide = db.queryOne(
                        "test.hide",
                        "SELECT count(*) > 0 FROM pg_proc WHERE proname = 'hypopg_hide_index'",
                        ps -> {},
                        rs -> rs.getBoolean(1))
                .orElse(false);
        assertThat(r.supported()).isEqualTo(hasHide);
        if (!hasHide) {
            assertThat(r.reason()).contains("hypopg_hide_index");
        }
    }

    @Test
    void suggest_schemaOfItsOwnWithHypopgInPublic_stillUsesHypopg() {
        // currentSchema=… leaves public, where the extension lives, off the search path: its functions were not found
        String url = ADMIN.replace("/postgres?", "/" + dbName + "?") + "&currentSchema=own_schema";
        try (Database own = Database.open(DatabaseSettings.defaults(url, null, null), StatementObserver.NONE)) {
            new Migrator(own).migrate();
            Seed.predictionRuns(own);

            IndexAdvisor.Advice advice = new IndexAdvisor(own).suggest(workload(), 0.5, true);

            assertThat(advice.method()).isEqualTo("hypopg");
            assertThat(advice.notes()).noneSatisfy(n -> assertThat(n).contains("could not try"));
            assertThat(advice.suggestions())
                    .as(advice.notes().toString())
                    .singleElement()
                    .satisfies(s -> assertThat(s.columns()).containsExactly("instance"));
        }
    }

    private static long hypotheticalIndexes() {
        return db.queryOne("test.hypo-count", "SELECT count(*) FROM hypopg_list_indexes", ps -> {}, rs -> rs.getLong(1))
                .orElse(-1L);
    }
}
