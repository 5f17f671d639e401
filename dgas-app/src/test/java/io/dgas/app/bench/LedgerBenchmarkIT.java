package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ledger benchmark on a small shape: it seeds what it says and counts the summary read's statements. */
class LedgerBenchmarkIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void run_smallPortfolio_reportsThreeStatementsAndOrderedPercentiles() {
        try (Database main =
                Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            Map<String, Object> f = new LedgerBenchmark(main, m -> {}).run(25, 400, 30, 20);

            assertThat(f.get("positions")).isEqualTo(25);
            assertThat(f.get("trades_shown")).isEqualTo(30);
            assertThat(f.get("statements_per_read")).isEqualTo(3L);
            assertThat((double) f.get("p95_ms")).isGreaterThanOrEqualTo((double) f.get("p50_ms"));
        }
    }
}
