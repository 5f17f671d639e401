package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code monitor database --lookback} says when no stored snapshot is as old as the window start; {@code monitor
 * summary} shows the heaviest statements it promises, the connections by state and a readable wraparound margin.
 */
class MonitorDatabaseIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    @Test
    void lookback_noSnapshotBeforeWindowStart_saysSoThenNotOnceOneExists() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }

        CliRun none = CliRun.of(home, PG.jdbcUrl(), Map.of(), "monitor", "database", "--lookback", "1h");
        CliRun noneJson = CliRun.of(home, PG.jdbcUrl(), Map.of(), "--json", "monitor", "database", "--lookback", "1h");

        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).contains("note: no statement snapshot");
        assertThat(noneJson.out()).contains("\"window_complete\" : false");

        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            new PgStatStatements(db).snapshot(Instant.now().minus(Duration.ofHours(2)));
        }
        CliRun covered = CliRun.of(home, PG.jdbcUrl(), Map.of(), "monitor", "database", "--lookback", "1h");
        CliRun coveredJson =
                CliRun.of(home, PG.jdbcUrl(), Map.of(), "--json", "monitor", "database", "--lookback", "1h");

        assertThat(covered.out()).doesNotContain("note:");
        assertThat(coveredJson.out()).contains("\"window_complete\" : true");
    }

    @Test
    void summary_statementsRecorded_printsTheHeaviestAndReadableFigures() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // heavy enough (tens of ms) to lead the five heaviest whatever else the command itself runs first
            st.execute("SELECT count(*) FROM generate_series(1, 1000000)");
        }

        CliRun r = CliRun.of(home, PG.jdbcUrl(), Map.of(), "monitor", "summary");

        assertThat(r.code()).as(r.err()).isZero();
        // the statements table was in the JSON only: the text ended at the pool line
        assertThat(r.out())
                .contains("heaviest statements by total time, last 24h")
                .containsPattern("name\\s+calls\\s+total ms\\s+mean ms")
                .contains("generate_series");
        // a Java map's rendering ({active=1}) and an ungrouped ten-digit number before
        assertThat(r.out()).containsPattern("connections\\s+active \\d+").doesNotContain("{");
        assertThat(r.out()).containsPattern("wraparound\\s+2,1\\d\\d,\\d{3},\\d{3} transactions left");
    }
}
