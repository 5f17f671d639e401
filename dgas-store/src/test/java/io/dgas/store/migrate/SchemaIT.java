package io.dgas.store.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.UnableToExecuteStatementException;
import io.dgas.testkit.PostgresExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migrated schema has every table, index and constraint the code relies on; migrating twice is a no-op. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension(false);

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @Order(1)
    void migrate_freshDatabase_appliesEveryMigrationThenNothingOnSecondRun() {
        Migrator migrator = new Migrator(db);
        assertThat(migrator.state().version()).isNull();

        Migrator.Result first = migrator.migrate();
        Migrator.Result second = migrator.migrate();

        assertThat(first.migrationsExecuted()).isPositive();
        assertThat(second.migrationsExecuted()).isZero();
        assertThat(second.toVersion()).isEqualTo(first.toVersion());
        assertThat(migrator.info()).allSatisfy(e -> assertThat(e.state()).isEqualTo("success"));
    }

    @Test
    @Order(2)
    void schema_afterMigrate_hasPartitionedTablesForTimeSeries() {
        Map<String, String> kinds = db
                .query(
                        "test.relkinds",
                        "SELECT relname, relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = 'public' AND relkind IN ('r', 'p')",
                        ps -> {},
                        rs -> Map.entry(rs.getString(1), rs.getString(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(kinds)
                .containsEntry("bars", "p")
                .containsEntry("ticks", "p")
                .containsEntry("alert_logs", "p")
                .containsEntry("symbols", "r")
                .containsEntry("prediction_runs", "r")
                .containsEntry("signals", "r")
                .containsEntry("alert_rules", "r");
    }

    @Test
    @Order(3)
    void schema_afterMigrate_hasEveryExpectedIndex() {
        List<String> indexes = db.query(
                "test.indexes",
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
                ps -> {},
                rs -> rs.getString(1));

        assertThat(indexes)
                .contains(
                        "symbols_pkey",
                        "symbols_ticker_key",
                        "symbols_active_idx",
                        "bars_pkey",
                        "bars_timeframe_ts_idx",
                        "bars_deleted_idx",
                        "ticks_pkey",
                        "ticks_deleted_idx",
                        "prediction_runs_pkey",
                        "prediction_runs_started_idx",
                        "signals_pkey",
                        "signals_run_idx",
                        "signals_symbol_ts_idx",
                        "signals_created_idx",
                        "signals_newest_idx",
                        "alert_rules_pkey",
                        "alert_rules_name_key",
                        "alert_rules_active_idx",
                        "alert_logs_pkey",
                        "alert_logs_rule_ts_idx",
                        "alert_logs_ts_idx",
                        "table_size_snapshots_pkey",
                        "table_size_snapshots_taken_idx",
                        "daily_bar_rollups_key_idx");
    }

    @Test
    @Order(4)
    void schema_afterMigrate_noTwoIndexesShareANameOrADefinition() {
        List<String> names = db.query(
                "test.index-names",
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog',"
                        + " 'information_schema', 'pg_toast')",
                ps -> {},
                rs -> rs.getString(1));
        List<String> definitions = db.query(
                "test.index-defs",
                "SELECT indrelid::text || ':' || indkey::text || ':' || coalesce(pg_get_expr(indpred, indrelid), '')"
                        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
                ps -> {},
                rs -> rs.getString(1));

        assertThat(names).doesNotHaveDuplicates();
        assertThat(definitions).doesNotHaveDuplicates();
    }

    @Test
    @Order(5)
    void schema_afterMigrate_hasEveryExpectedConstraint() {
        List<String> constraints = db.query(
                "test.constraints",
                "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                        + " WHERE n.nspname = 'public'",
                ps -> {},
                rs -> rs.getString(1));

        assertThat(constraints)
                .contains(
                        "symbols_ticker_check",
                        "symbols_status_check",
                        "symbols_asset_class_check",
                        "bars_timeframe_check",
                        "bars_prices_check",
                        "bars_high_check",
                        "bars_low_check",
                        "bars_volume_check",
                        "ticks_price_check",
                        "ticks_size_check",
                        "prediction_runs_status_check",
                        "signals_type_check",
                        "signals_confidence_check",
                        "signals_tier_check",
                        "signals_notification_check",
                        "alert_rules_type_check",
                        "alert_rules_cooldown_check",
                        "alert_logs_fired_check",
                        "alert_logs_delivery_check",
                        "table_size_snapshots_bytes_check");
        assertThat(constraints.stream().filter(n -> n.endsWith("_fkey")))
                .contains("bars_symbol_id_fkey", "signals_run_id_fkey", "alert_logs_rule_id_fkey");
    }

    @Test
    @Order(6)
    void timeframeCheck_matchesTheJavaEnum() {
        String def = db.queryOne(
                        "test.tf-check",
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'bars_timeframe_check'",
                        ps -> {},
                        rs -> rs.getString(1))
                .orElseThrow();
        List<String> inCheck = Arrays.stream(def.split("'"))
                .filter(Timeframe::isKnown)
                .filter(s -> !s.isBlank() && Character.isDigit(s.charAt(0)))
                .toList();

        assertThat(inCheck)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Timeframe.values()).map(Timeframe::code).toList());
    }

    @Test
    @Order(7)
    void monthPartitionFunction_calledTwice_createsOnePartitionAndRejectsOtherTables() {
        String first = db.queryOne(
                        "test.part",
                        "SELECT dgas_create_month_partition('bars', '2024-02-15T10:00:00Z')",
                        ps -> {},
                        rs -> rs.getString(1))
                .orElseThrow();
        String second = db.queryOne(
                        "test.part",
                        "SELECT dgas_create_month_partition('bars', '2024-02-01T00:00:00Z')",
                        ps -> {},
                        rs -> rs.getString(1))
                .orElseThrow();
        String quarter = db.queryOne(
                        "test.part",
                        "SELECT dgas_create_quarter_partition('alert_logs', '2024-05-20T00:00:00Z')",
                        ps -> {},
                        rs -> rs.getString(1))
                .orElseThrow();

        assertThat(first).isEqualTo("bars_y2024m02").isEqualTo(second);
        assertThat(quarter).isEqualTo("alert_logs_y2024q2");
        assertThatThrownBy(() ->
                        db.update("test.part-bad", "SELECT dgas_create_month_partition('symbols', now())", ps -> {}))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("not a monthly partitioned table");
    }

    @Test
    @Order(8)
    void barsChecks_invertedOrNanPrices_areRejected() {
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('TEST')", ps -> {});
        String insert = "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume)"
                + " SELECT id, '1h', '2024-02-01T00:00:00Z', ?, ?, ?, ?, 1 FROM symbols WHERE ticker = 'TEST'";

        assertThatThrownBy(() -> db.update("test.bad-bar", insert, ps -> bind(ps, 10, 9, 11, 10)))
                .hasMessageContaining("bars_");
        assertThatThrownBy(() -> db.update("test.bad-bar", insert, ps -> bind(ps, Double.NaN, 11, 9, 10)))
                .hasMessageContaining("violates check constraint \"bars_");
        assertThat(db.update("test.good-bar", insert, ps -> bind(ps, 10, 11, 9, 10.5)))
                .isOne();
    }

    private static void bind(java.sql.PreparedStatement ps, double o, double h, double l, double c)
            throws java.sql.SQLException {
        ps.setDouble(1, o);
        ps.setDouble(2, h);
        ps.setDouble(3, l);
        ps.setDouble(4, c);
    }
}
