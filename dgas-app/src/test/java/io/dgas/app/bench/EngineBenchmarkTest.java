package io.dgas.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.DrummondAnalyzer;
import org.junit.jupiter.api.Test;

class EngineBenchmarkTest {

    @Test
    void run_smallSeries_measuresEveryPathOnTheSameEvents() {
        EngineBenchmark.Result r = EngineBenchmark.run(400, 2, 1);

        assertThat(r.figures().bars()).isEqualTo(400);
        assertThat(r.figures().rounds()).isEqualTo(2);
        assertThat(r.figures().nsPerBar()).isPositive();
        assertThat(r.figures().perBarMarksNsPerBar()).isPositive();
        assertThat(r.figures().spanBoundNsPerBar()).isPositive();
        assertThat(r.figures().events())
                .isEqualTo(DrummondAnalyzer.analyze(EngineBenchmark.walk(400, 42))
                        .patterns()
                        .size())
                .isPositive();
        assertThat(r.clock()).isIn("thread-cpu", "wall");
    }

    @Test
    void walk_sameSeed_sameBars() {
        assertThat(EngineBenchmark.walk(50, 42).version())
                .isEqualTo(EngineBenchmark.walk(50, 42).version());
        assertThat(EngineBenchmark.walk(50, 42).version())
                .isNotEqualTo(EngineBenchmark.walk(50, 43).version());
    }
}
