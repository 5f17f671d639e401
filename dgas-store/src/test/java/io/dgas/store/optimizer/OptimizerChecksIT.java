package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.health.Verdict;
import io.dgas.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verdict list on a database with a planted duplicate index and a nearly exhausted sequence. */
class OptimizerChecksIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

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
    void run_cleanDatabase_everyCheckPresentAndNoneRed() {
        List<Finding> findings = new OptimizerChecks(db).run(Instant.now(), Duration.ofDays(1));

        assertThat(findings)
                .extracting(Finding::name)
                .containsExactly(
                        "replication_lag",
                        "long_running_queries",
                        "cache_hit_rate",
                        "connections",
                        "wraparound",
                        "sequences",
                        "invalid_indexes",
                        "duplicate_indexes",
                        "suggested_indexes",
                        "slow_queries",
                        "unused_indexes");
        assertThat(findings).noneSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.CRITICAL));
        assertThat(findings).allSatisfy(f -> assertThat(f.summary()).doesNotStartWith("could not check"));
    }

    @Test
    void run_plantedProblems_turnTheirChecksYellowOrRed() {
        Seed.exec(
                db,
                "CREATE INDEX chk_dup_idx ON signals (run_id)",
                "CREATE TABLE chk_seq (id smallserial PRIMARY KEY)",
                "SELECT setval('chk_seq_id_seq', 32700)");

        Map<String, Finding> byName = new OptimizerChecks(db)
                .run(Instant.now(), Duration.ofDays(1)).stream().collect(Collectors.toMap(Finding::name, f -> f));

        assertThat(byName.get("duplicate_indexes").verdict()).isEqualTo(Verdict.WARNING);
        assertThat(byName.get("duplicate_indexes").rows())
                .anySatisfy(r -> assertThat(r).contains("signals"));
        assertThat(byName.get("sequences").verdict()).isEqualTo(Verdict.CRITICAL);
        assertThat(OptimizerChecks.overall(List.copyOf(byName.values()))).isEqualTo(Verdict.CRITICAL);
    }
}
