package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Calibration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputPairsTest {
    @Test
    void pairs_outcomes_readAsLowerCaseNamesAndCounts() {
        Map<Calibration.Outcome, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put(Calibration.Outcome.PENDING, 31);
        outcomes.put(Calibration.Outcome.WIN, 4);
        outcomes.put(Calibration.Outcome.NOT_FILLED, 2);

        // monitor calibration printed Java's rendering, {PENDING=31, WIN=4, NOT_FILLED=2}
        assertThat(Output.pairs(outcomes)).isEqualTo("pending 31, win 4, not filled 2");
        assertThat(Output.pairs(Map.of())).isEqualTo("none");
    }

    @Test
    void fields_benchmarkFigures_onePerLineValuesAligned() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("symbols", 100);
        figures.put("total_ms", 202);
        figures.put("stages", Map.of("load", 187));
        StringWriter text = new StringWriter();

        new Output(new PrintWriter(text), new PrintWriter(new StringWriter()), false, false).fields(figures);

        // benchmark cycle printed Java's rendering, {symbols=100, total_ms=202, stages={load=187}}
        assertThat(text.toString().lines()).containsExactly("symbols   100", "total_ms  202", "stages    load 187");
    }
}
