package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonTextTest {
    private static SignalReasons reasons(ConfluenceZone zone, double close, double atr, double rr) {
        return new SignalReasons(
                new SignalReasons.Frame("1w", MarketState.TREND, 1, 0.9),
                0.82,
                new SignalReasons.Frame("1d", MarketState.CONGESTION_EXIT, 1, 0.7),
                new SignalReasons.Alignment(0.94, 0.5, 0.1, 0.24),
                MtfAnalysis.Action.LONG,
                MtfAnalysis.Risk.LOW,
                close,
                zone,
                null,
                zone == null ? List.of() : List.of(new SignalReasons.Event(PatternType.C_WAVE, 1, 10, 13, 4)),
                atr,
                2 * atr,
                1.5 * atr,
                rr,
                false);
    }

    private static Signal signal(Signal.Type type, SignalReasons r) {
        return new Signal(
                "AAPL",
                20,
                0,
                type,
                187.65,
                184.2,
                194.55,
                0.8,
                0.7,
                0.94,
                Signal.Tier.MEDIUM,
                false,
                5,
                WinProbability.uncalibrated(0),
                r);
    }

    @Test
    void of_longFromASupportZone_rendersTheIssueLine() {
        // level 187.65 is (189.0 − 187.65) / 2.25 = 0.6 ATR below the close
        ConfluenceZone z = new ConfluenceZone(ConfluenceZone.SUPPORT, 187.65, 187.20, 188.10, 2, 3.5);
        String line = ReasonText.of(signal(Signal.Type.LONG, reasons(z, 189.0, 2.25, 2.0)));
        assertThat(line)
                .isEqualTo("LONG AAPL 1d: HTF 1w trend up 0.82, support 187.20–188.10 (2 TFs, w 3.5) 0.6 ATR below,"
                        + " C-wave up 4 bars, R:R 2.0");
    }

    @Test
    void of_exitSignal_rendersStatesAndAction() {
        String line = ReasonText.of(signal(Signal.Type.EXIT_SHORT, reasons(null, 189.0, 2.25, Double.NaN)));
        assertThat(line)
                .isEqualTo("EXIT_SHORT AAPL 1d: HTF 1w trend up 0.82, trading congestion exit up, alignment 0.94,"
                        + " action long, risk low");
    }

    @Test
    void of_signalWithoutReasons_rendersTypeAndSymbol() {
        Signal s = new Signal("X", 0, 0, Signal.Type.SHORT, 1, 2, 0.5, 0.6, 0.6, 0.6, Signal.Tier.LOW, false);
        assertThat(ReasonText.of(s)).isEqualTo("SHORT X");
    }
}
