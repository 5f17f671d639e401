package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void defaults_matchTheSpec() {
        DrummondParams p = DrummondParams.defaults();
        assertThat(p.displacement()).isEqualTo(1);
        assertThat(p.envelope()).isEqualTo(new EnvelopeParams(EnvelopeMethod.PLDOT_RANGE, 3, 1.5, 0.02));
        assertThat(p.slopeThreshold()).isEqualTo(0.0001);
        assertThat(p.patterns().exhaustExtension()).isEqualTo(2.0);
        assertThat(SignalParams.defaults().atrPeriod()).isEqualTo(14);
        assertThat(MtfParams.defaults().alignmentThreshold()).isEqualTo(0.6);
        assertThat(MtfParams.defaults().zoneLookbackBars())
                .isEqualTo(PatternParams.defaults().terminationLookbackBars())
                .isEqualTo(100);
    }

    @Test
    void zoneLookbackBars_negative_isRejectedNamingParameterAndRange() {
        assertThatThrownBy(() -> MtfParams.defaults().withZoneLookbackBars(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zoneLookbackBars")
                .hasMessageContaining("[0, 1000000]")
                .hasMessageContaining("was -1");
    }

    @Test
    void displacement_zero_isRejectedNamingParameterAndRange() {
        assertThatThrownBy(() -> DrummondParams.defaults().withDisplacement(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("displacement")
                .hasMessageContaining("[1, 10000]")
                .hasMessageContaining("was 0");
    }

    @Test
    void envelopePeriod_one_isRejected() {
        assertThatThrownBy(() -> new EnvelopeParams(EnvelopeMethod.ATR, 1, 1.5, 0.02))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("envelope.period");
    }

    @Test
    void signalMinAlignment_nan_isRejected() {
        assertThatThrownBy(() -> new SignalParams(Double.NaN, 0.5, 1.5, 2, 2.5, 2, 14, 3600, 86400, 2, 1.5, 5, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minAlignment");
    }

    @Test
    void displacement_five_projectsFiveBarsAhead() {
        DrummondAnalysis a = DrummondAnalyzer.analyze(
                Golden.bars(), DrummondParams.defaults().withDisplacement(5));
        assertThat(a.projectedTs(10)).isEqualTo(a.series().ts()[10] + 5 * 3600);
        assertThat(a.pldot()[19])
                .isEqualTo(DrummondAnalyzer.analyze(Golden.bars()).pldot()[19]);
    }
}
