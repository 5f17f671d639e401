package io.dgas.calc.format;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.EnvelopeMethod;
import io.dgas.calc.drummond.EnvelopeParams;
import io.dgas.calc.drummond.MtfAnalysis;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.MultiTimeframe;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.Signals;
import io.dgas.domain.BarSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of the {@code analyze} command's files (drummond.md §8) for one series: {@code pldot.csv},
 * {@code pldot_displacement2.csv}, the four {@code envelope_*.csv}, {@code states.csv}, {@code drummond_lines.csv},
 * {@code drummond_zones.json}, {@code patterns.json}, and with a higher-timeframe series also {@code mtf.json} and
 * {@code signals.json}. Pure: the caller writes the strings to disk.
 */
public final class DrummondReport {
    private DrummondReport() {}

    /** Files for {@code trading} alone, with default parameters. */
    public static Map<String, String> files(BarSeries trading) {
        return files(trading, null, DrummondParams.defaults(), MtfParams.defaults(), SignalParams.defaults());
    }

    /** Files for {@code trading} and, when {@code higher} is not null, the multi-timeframe files too. */
    public static Map<String, String> files(BarSeries trading, BarSeries higher) {
        return files(trading, higher, DrummondParams.defaults(), MtfParams.defaults(), SignalParams.defaults());
    }

    /**
     * Files for {@code trading} ({@code higher} may be null).
     *
     * @throws io.dgas.calc.UnableToCalculateException when a series has fewer than 3 bars
     */
    public static Map<String, String> files(
            BarSeries trading, BarSeries higher, DrummondParams params, MtfParams mtf, SignalParams signals) {
        DrummondAnalysis a = DrummondAnalyzer.analyze(trading, params);
        DrummondAnalysis h = higher == null ? null : DrummondAnalyzer.analyze(higher, params);
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        DrummondCsv.pldot(DrummondAnalyzer.analyze(trading, params.withDisplacement(2)), sb);
        String displaced = take(sb);
        files(a, h, params, mtf, signals).forEach((name, text) -> {
            files.put(name, text);
            if (name.equals("pldot.csv")) {
                files.put("pldot_displacement2.csv", displaced);
            }
        });
        return files;
    }

    /**
     * The files of analyses already made ({@code h} may be null), all but {@code pldot_displacement2.csv}: a live
     * (incremental) analysis writes exactly what a batch one over the same bars writes.
     */
    public static Map<String, String> files(
            DrummondAnalysis a, DrummondAnalysis h, DrummondParams params, MtfParams mtf, SignalParams signals) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        DrummondCsv.pldot(a, sb);
        files.put("pldot.csv", take(sb));
        for (EnvelopeMethod m : EnvelopeMethod.values()) {
            EnvelopeParams ep = new EnvelopeParams(
                    m,
                    params.envelope().period(),
                    params.envelope().multiplier(),
                    params.envelope().percent());
            DrummondCsv.envelope(a.series(), a.envelope(ep), a.size(), sb);
            files.put("envelope_" + m.code() + ".csv", take(sb));
        }
        DrummondCsv.states(a, sb);
        files.put("states.csv", take(sb));
        DrummondCsv.lines(a.lines(), sb);
        files.put("drummond_lines.csv", take(sb));
        files.put("drummond_zones.json", DrummondJson.zones(a.zones()));
        files.put("patterns.json", DrummondJson.patterns(a.patterns(), a.series()));
        if (h != null) {
            MtfAnalysis m = MultiTimeframe.analyze(h, a, a.size() - 1, mtf);
            files.put("mtf.json", MtfJson.mtf(m, h, a));
            files.put(
                    "signals.json",
                    MtfJson.signals(Signals.history(h, a, mtf, signals), a.series(), signals.calibrationSeconds()));
        }
        return files;
    }

    private static String take(StringBuilder sb) {
        String s = sb.toString();
        sb.setLength(0);
        return s;
    }
}
