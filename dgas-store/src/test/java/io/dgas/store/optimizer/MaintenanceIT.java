package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.partition.PartitionMaintenance;
import io.dgas.store.partition.Partitions;
import io.dgas.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Vacuum/analyze, partitions ahead, retention, view refresh and the daily job, on the embedded server. */
class MaintenanceIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-05-10T12:00:00Z");
    private static Database db;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        Seed.predictionRuns(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void vacuumAndAnalyze_planOnly_changeNothing_thenRunOutsideTransactions() {
        Seed.exec(db, "CREATE TABLE maint_t (id int)", "INSERT INTO maint_t SELECT generate_series(1, 1000)");
        VacuumAnalyze va = new VacuumAnalyze(db);
        List<String> before = Seed.catalogState(db);

        String vacuum = va.planVacuum("maint_t", false);
        String analyze = va.planAnalyze("maint_t");

        assertThat(vacuum).isEqualTo("VACUUM (ANALYZE, VERBOSE false) \"public\".\"maint_t\"");
        assertThat(analyze).isEqualTo("ANALYZE \"public\".\"maint_t\"");
        assertThat(Seed.catalogState(db)).isEqualTo(before);

        va.run(List.of(vacuum, analyze));

        Seed.exec(db, "SELECT pg_stat_force_next_flush()");
        assertThat(db.queryOne(
                        "test.last",
                        "SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL FROM pg_stat_user_tables"
                                + " WHERE relname = 'maint_t'",
                        ps -> {},
                        rs -> rs.getBoolean(1)))
                .contains(true);
    }

    @Test
    void vacuum_unknownOrInjectedTableName_isRejectedBeforeAnySql() {
        VacuumAnalyze va = new VacuumAnalyze(db);

        assertThatThrownBy(() -> va.planVacuum("prediction_runs; DROP TABLE symbols", false))
                .isInstanceOf(UnableToResolveTableException.class);
        assertThatThrownBy(() -> va.planAnalyze("no_such_table")).isInstanceOf(UnableToResolveTableException.class);
        assertThatThrownBy(() -> va.run(List.of("DROP TABLE symbols"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plan_systemCatalog_refusedUnlessAllowed() {
        VacuumAnalyze va = new VacuumAnalyze(db);

        for (String t : List.of("pg_catalog.pg_authid", "information_schema.sql_features", "pg_catalog.pg_class")) {
            assertThatThrownBy(() -> va.planVacuum(t, false))
                    .isInstanceOf(UnableToResolveTableException.class)
                    .hasMessageContaining("system catalog")
                    .hasMessageContaining("--system");
            assertThatThrownBy(() -> va.planAnalyze(t)).isInstanceOf(UnableToResolveTableException.class);
        }
        assertThat(va.planAnalyze("pg_catalog.pg_class", true)).isEqualTo("ANALYZE \"pg_catalog\".\"pg_class\"");
        assertThat(va.planVacuum("information_schema.sql_features", false, true))
                .endsWith("\"information_schema\".\"sql_features\"");
        assertThatThrownBy(() -> va.planAnalyze("bars\0; DROP TABLE bars", true))
                .isInstanceOf(UnableToResolveTableException.class);
    }

    @Test
    void ensureAhead_createsTwoMonthsOfBarsAndTicksAndTheNextQuarterOfAlertLogs() {
        new PartitionMaintenance(db).ensureAhead(NOW);

        assertThat(partitions())
                .contains(
                        "bars_y2024m05",
                        "bars_y2024m06",
                        "bars_y2024m07",
                        "ticks_y2024m05",
                        "ticks_y2024m06",
                        "ticks_y2024m07",
                        "alert_logs_y2024q2",
                        "alert_logs_y2024q3");
    }

    @Test
    void retention_dropsOnlyPartitionsEntirelyOlderThanTheCutoff() {
        Seed.exec(
                db,
                "INSERT INTO symbols (ticker) VALUES ('RET')",
                "SELECT dgas_create_month_partition('bars', '2023-06-15')");
        db.withSession(s -> Partitions.ensureMonths(
                s,
                "bars",
                Instant.parse("2023-01-01T00:00:00Z").getEpochSecond() * 1_000_000L,
                Instant.parse("2023-06-01T00:00:00Z").getEpochSecond() * 1_000_000L));
        Seed.exec(
                db,
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close) SELECT id, '1d',"
                        + " '2023-06-20T00:00:00Z', 10, 11, 9, 10 FROM symbols WHERE ticker = 'RET'");
        PartitionMaintenance pm = new PartitionMaintenance(db);
        Map<String, Duration> keepYear = Map.of("bars", Duration.ofDays(365));
        List<String> before = Seed.catalogState(db);

        List<PartitionMaintenance.Expired> plan = pm.expired(NOW, keepYear);

        assertThat(Seed.catalogState(db)).as("planning changes nothing").isEqualTo(before);
        assertThat(plan)
                .extracting(PartitionMaintenance.Expired::partition)
                .containsExactly("bars_y2023m01", "bars_y2023m02", "bars_y2023m03", "bars_y2023m04");

        List<PartitionMaintenance.Expired> done = pm.applyRetention(NOW, keepYear, PartitionMaintenance.Mode.DROP);

        assertThat(done).extracting(PartitionMaintenance.Expired::action).containsOnly("dropped");
        assertThat(partitions())
                .doesNotContain("bars_y2023m01", "bars_y2023m04")
                .contains("bars_y2023m05", "bars_y2023m06");
        assertThat(db.queryOne("test.bars", "SELECT count(*) FROM bars", ps -> {}, rs -> rs.getLong(1)))
                .contains(1L);
    }

    @Test
    void retention_archiveMode_keepsTheDetachedTableRenamed() {
        db.withSession(s -> Partitions.ensureMonths(
                s,
                "ticks",
                Instant.parse("2022-01-01T00:00:00Z").getEpochSecond() * 1_000_000L,
                Instant.parse("2022-01-01T00:00:00Z").getEpochSecond() * 1_000_000L));

        new PartitionMaintenance(db)
                .applyRetention(NOW, Map.of("ticks", Duration.ofDays(365)), PartitionMaintenance.Mode.ARCHIVE);

        assertThat(partitions()).doesNotContain("ticks_y2022m01");
        assertThat(db.queryOne(
                        "test.archived",
                        "SELECT relispartition FROM pg_class WHERE relname = 'archive_ticks_y2022m01'",
                        ps -> {},
                        rs -> rs.getBoolean(1)))
                .contains(false);
    }

    @Test
    void maintenanceJob_run_doesEveryStepAndSecondInstanceIsSkipped() throws Exception {
        Seed.exec(
                db,
                "INSERT INTO symbols (ticker) VALUES ('JOB')",
                "SELECT dgas_create_month_partition('bars', '2024-05-01')",
                "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h',"
                        + " timestamptz '2024-05-09T00:00:00Z' + g * interval '1 hour', 10, 12, 9, 11, 100"
                        + " FROM symbols, generate_series(0, 47) g WHERE ticker = 'JOB'");
        io.dgas.store.jobs.JobRepository jobs = new io.dgas.store.jobs.JobRepository(db);
        long old = jobs.insert("backtest", "a:1", "{}", 10, NOW.minus(Duration.ofDays(40)))
                .orElseThrow()
                .id();
        jobs.claim("a:1", java.util.List.of("backtest"), NOW.minus(Duration.ofDays(40)));
        jobs.finish(old, 1, "succeeded", "{}", null, null, NOW.minus(Duration.ofDays(31)));
        long recent = jobs.insert("backtest", "a:1", "{}", 10, NOW.minus(Duration.ofDays(40)))
                .orElseThrow()
                .id();
        jobs.claim("a:1", java.util.List.of("backtest"), NOW.minus(Duration.ofDays(40)));
        jobs.finish(recent, 1, "failed", null, null, "{}", NOW.minus(Duration.ofDays(29)));
        long open = jobs.insert("backtest", "a:1", "{}", 10, NOW.minus(Duration.ofDays(40)))
                .orElseThrow()
                .id();
        MaintenanceJob job = new MaintenanceJob(db, Map.of(), PartitionMaintenance.Mode.DROP);

        MaintenanceJob.Report report = job.run(NOW);

        assertThat(report.steps().get("jobs_purged")).isEqualTo(1);
        assertThat(jobs.find(old)).isEmpty();
        assertThat(jobs.find(recent)).isPresent();
        assertThat(jobs.find(open))
                .as("an open job is the sweep's, never purged")
                .isPresent();

        assertThat(report.skipped()).isFalse();
        assertThat(report.errors()).isEmpty();
        assertThat((Integer) report.steps().get("size_snapshot_rows")).isPositive();
        assertThat(report.steps().get("views_refreshed").toString()).contains("daily_bar_rollups", "concurrently");
        assertThat(partitions()).contains("bars_y2024m07", "alert_logs_y2024q3");
        assertThat(db.queryOne(
                        "test.rollup",
                        "SELECT count(*) FROM daily_bar_rollups r JOIN symbols s ON s.id = r.symbol_id"
                                + " WHERE s.ticker = 'JOB'",
                        ps -> {},
                        rs -> rs.getLong(1)))
                .contains(2L);

        try (Connection other = PG.connect();
                Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MaintenanceJob.LOCK_KEY + ")");
            assertThat(job.run(NOW).skipped()).isTrue();
            // released here: a closed session's backend may hold it a moment after the client has gone
            st.execute("SELECT pg_advisory_unlock(" + MaintenanceJob.LOCK_KEY + ")");
        }
    }

    private static List<String> partitions() {
        return db.query(
                "test.partitions",
                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid ORDER BY 1",
                ps -> {},
                rs -> rs.getString(1));
    }
}
