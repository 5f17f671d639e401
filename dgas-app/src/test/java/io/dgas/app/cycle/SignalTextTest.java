package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the command line words a win probability: its rate, lower bound, decided count and the outcomes it rests on. */
class SignalTextTest {
    @Test
    void probability_ownSettingsPooledOrUncalibrated_saysWhichOutcomesItRestsOn() {
        assertThat(SignalText.probability(0.54, 0.41, 120, "settings")).isEqualTo("0.54 ≥0.41 (n 120)");
        assertThat(SignalText.probability(0.54, 0.41, 120, "all")).isEqualTo("0.54 ≥0.41 (n 120, all settings)");
        assertThat(SignalText.probability(0.54, 0.41, 120, null))
                .as("stored before scopes were kept")
                .isEqualTo("0.54 ≥0.41 (n 120)");
        assertThat(SignalText.probability(null, null, 12, null)).isEqualTo("uncalibrated (n 12)");
        assertThat(SignalText.probability(Double.NaN, Double.NaN, 12, null)).isEqualTo("uncalibrated (n 12)");
    }
}
