package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.testkit.PostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans of statements on the migrated test database, never running them. */
class StatementPlanIT {
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

    @Test
    void explain_aStatementWithParameters_itsGenericPlan() {
        StatementPlan.Plan p = new StatementPlan(db)
                .explain(
                        "SELECT ts, close FROM bars WHERE symbol_id = $1 AND timeframe = $2 ORDER BY ts DESC LIMIT $3;");

        assertThat(p.generic()).isTrue();
        assertThat(p.query()).endsWith("LIMIT $3");
        assertThat(String.join("\n", p.lines()))
                .contains("Limit")
                .contains("bars")
                .doesNotContain("Query Identifier");
    }

    @Test
    void explain_aWrite_plannedNotRun() {
        long before = db.queryOne("t.count", "SELECT count(*) FROM symbols", ps -> {}, rs -> rs.getLong(1))
                .orElseThrow();

        StatementPlan.Plan p = new StatementPlan(db).explain("INSERT INTO symbols (ticker) VALUES ('PLANNED')");

        assertThat(String.join("\n", p.lines())).contains("Insert on");
        assertThat(db.queryOne("t.count", "SELECT count(*) FROM symbols", ps -> {}, rs -> rs.getLong(1))
                        .orElseThrow())
                .isEqualTo(before);
    }

    @Test
    void explain_twoStatementsOrAnError_refusedWithTheServersWords() {
        StatementPlan plans = new StatementPlan(db);

        assertThatThrownBy(() -> plans.explain("SELECT 1; COMMIT; DROP TABLE symbols"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one statement only");
        assertThatThrownBy(() -> plans.explain("SELECT * FROM no_such_table"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be planned")
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> plans.explain("  ;"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no statement");
        assertThat(db.queryOne(
                                "t.exists",
                                "SELECT to_regclass('symbols') IS NOT NULL",
                                ps -> {},
                                rs -> rs.getBoolean(1))
                        .orElseThrow())
                .isTrue();
    }
}
