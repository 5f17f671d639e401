package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void position_zeroWidth_isOneAboveZeroBelowNanAtLower() {
        assertThat(Envelope.position(101, 100, 0)).isEqualTo(1.0);
        assertThat(Envelope.position(99, 100, 0)).isEqualTo(0.0);
        assertThat(Envelope.position(100, 100, 0)).isNaN();
    }

    @Test
    void position_outsideBand_isClamped() {
        assertThat(Envelope.position(110, 100, 2)).isEqualTo(1.0);
        assertThat(Envelope.position(90, 100, 2)).isEqualTo(0.0);
        assertThat(Envelope.position(101, 100, 2)).isEqualTo(0.5);
    }

    @Test
    void analyze_flatSeries_hasZeroWidthsAndNoNanAfterWarmUp() {
        io.dgas.domain.BarSeries s = new io.dgas.domain.BarSeries("F", io.dgas.domain.Timeframe.H1);
        for (int i = 0; i < 10; i++) {
            s.append(3600L * i, 5, 5, 5, 5, 0);
        }
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        assertThat(a.width()[9]).isZero();
        assertThat(a.position()[9]).isNaN();
        assertThat(a.pldot()[1]).isNaN();
        assertThat(a.pldot()[2]).isEqualTo(5.0);
    }
}
