package io.dgas.store.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V100: a backtest stored before it (Java's camelCase names, an upper-case sizing) reads as one stored after it
 * (snake_case names, {@code percent_equity}), values and the limit names inside {@code fill_limits} unchanged.
 */
class BacktestJsonMigrationIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension(false);

    @Test
    void migrate_backtestStoredWithCamelCase_renamesKeysToSnakeCase() throws Exception {
        flyway("99").migrate();
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO portfolios (owner, name, starting_capital, kind, active, closed_at)"
                    + " VALUES ('backtest', 'bt-1', 100000, 'backtest', false, now())");
            st.execute("INSERT INTO backtests (portfolio_id, symbols, from_ts, to_ts, htf, trading, settings, metrics,"
                    + " bar_steps, duration_ms) SELECT id, '{AAA}', '2026-01-01', '2026-02-01', '4h', '1h',"
                    + " '{\"capital\": 100000, \"expiry_bars\": 5, \"rules\": {\"sizing\": \"PERCENT_EQUITY\","
                    + " \"sizingValue\": 10, \"slippageBps\": 5.0}, \"limits\": {\"maxLossPerDay\": 10000}}',"
                    + " '{\"totalReturn\": 0.0155, \"cagr\": \"NaN\", \"maxDrawdownBars\": 169, \"fillLimits\":"
                    + " {\"max_gross_exposure\": {\"cut\": 3, \"refused\": 5}}}', 10, 1.5 FROM portfolios");

            flyway(null).migrate();

            try (ResultSet rs = st.executeQuery("SELECT settings::text, metrics::text FROM backtests")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .isEqualTo(
                                "{\"rules\": {\"sizing\": \"percent_equity\", \"sizing_value\": 10, \"slippage_bps\":"
                                        + " 5.0}, \"limits\": {\"max_loss_per_day\": 10000}, \"capital\": 100000,"
                                        + " \"expiry_bars\": 5}");
                assertThat(rs.getString(2))
                        .isEqualTo("{\"cagr\": \"NaN\", \"fill_limits\": {\"max_gross_exposure\": {\"cut\": 3,"
                                + " \"refused\": 5}}, \"total_return\": 0.0155, \"max_drawdown_bars\": 169}");
            }
        }
    }

    private static Flyway flyway(String target) {
        var f = Flyway.configure().dataSource(PG.jdbcUrl(), null, null).locations("classpath:db/migration");
        return (target == null ? f : f.target(target)).load();
    }
}
