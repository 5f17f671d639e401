package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgas.app.Json;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestSettingsTest {
    private static final String RULES = "{\"sizing\": \"percent_equity\", \"sizing_value\": 10.00000000,"
            + " \"slippage_bps\": 5.0, \"commission_minimum\": 0E-8, \"commission_percent\": 0.0,"
            + " \"commission_per_share\": 0E-8}";

    /** Settings as the service stores them, with {@code signals} and {@code mtf} as given. */
    private static String stored(Object signals, MtfParams mtf) throws Exception {
        return Json.SNAKE.writeValueAsString(Map.of(
                "capital",
                100000,
                "rules",
                Json.MAPPER.readTree(RULES),
                "expiry_bars",
                SignalParams.defaults().expiryBars(),
                "signals",
                signals,
                "mtf",
                mtf));
    }

    @Test
    void line_defaults_rulesOnly() throws Exception {
        assertThat(BacktestSettings.line(stored(SignalParams.defaults(), MtfParams.defaults())))
                .isEqualTo("10% of equity, 5 bps");
    }

    @Test
    void line_signalAndMtfOptionsChanged_namesEachWithItsValue() throws Exception {
        ObjectNode signals = Json.SNAKE.valueToTree(SignalParams.defaults());
        signals.put("min_reward_risk", 3.0);

        String line = BacktestSettings.line(stored(signals, MtfParams.defaults().withZoneLookbackBars(50)));

        assertThat(line).isEqualTo("10% of equity, 5 bps; min_reward_risk 3, zone_lookback_bars 50");
    }

    @Test
    void line_commissionAndFixedCash_shownAndOlderRowsShowTheirExpiry() {
        String older = "{\"capital\": 100000, \"expiry_bars\": 8, \"rules\": {\"sizing\": \"fixed_cash\","
                + " \"sizing_value\": 1000.00000000, \"slippage_bps\": 2.5, \"commission_minimum\": 1.00000000,"
                + " \"commission_percent\": 0.1, \"commission_per_share\": 0.01000000}}";

        assertThat(BacktestSettings.line(older))
                .isEqualTo("1000 a trade, 2.5 bps, commission 0.01 a share + 0.1% + at least 1; expiry_bars 8");
        assertThat(BacktestSettings.line("not json")).isEqualTo("not json");
    }
}
