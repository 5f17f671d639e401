package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class PlDotBandsTest {

    @Test
    void compute_randomSeries_isBitwiseEqualToTheEngine() {
        BarSeries s = RandomBars.series(31, 2000, Timeframe.M15);
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        int n = s.size();
        double[] pldot = new double[n];
        double[] upper = new double[n];
        double[] lower = new double[n];
        PlDotBands.compute(s.high(), s.low(), s.close(), n, 1.5, pldot, upper, lower);
        Same.doubles(pldot, a.pldot(), n - 1, "pldot");
        Same.doubles(upper, a.upper(), n - 1, "upper");
        Same.doubles(lower, a.lower(), n - 1, "lower");
    }
}
