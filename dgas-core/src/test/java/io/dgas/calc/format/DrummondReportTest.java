package io.dgas.calc.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.Golden;
import io.dgas.calc.drummond.MiniJson;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrummondReportTest {

    @Test
    void files_tradingOnly_producesExactlyTheTenSingleTimeframeFiles() {
        Map<String, String> files = DrummondReport.files(Golden.bars());
        assertThat(files.keySet())
                .containsExactly(
                        "pldot.csv",
                        "pldot_displacement2.csv",
                        "envelope_pldot_range.csv",
                        "envelope_hlc_range.csv",
                        "envelope_atr.csv",
                        "envelope_percentage.csv",
                        "states.csv",
                        "drummond_lines.csv",
                        "drummond_zones.json",
                        "patterns.json");
        assertThat(MiniJson.parse(files.get("drummond_zones.json"))).isInstanceOf(Map.class);
        assertThat(MiniJson.parse(files.get("patterns.json"))).isInstanceOf(Map.class);
        assertThat(files.get("envelope_hlc_range.csv")).contains(",NaN,NaN,NaN,NaN\n");
    }

    @Test
    void files_zones_useTheLatestBarsToleranceAndAllLines() {
        BarSeries bars = Golden.bars();
        var a = DrummondAnalyzer.analyze(bars);
        @SuppressWarnings("unchecked")
        Map<String, Object> z =
                (Map<String, Object>) MiniJson.parse(DrummondReport.files(bars).get("drummond_zones.json"));
        assertThat((Double) z.get("last_envelope_width")).isEqualTo(a.width()[19]);
        assertThat((Double) z.get("tolerance_used")).isEqualTo(a.tolerance(19));
        int lines = 0;
        for (Object o : (List<?>) z.get("zones")) {
            lines += ((Double) ((Map<?, ?>) o).get("strength")).intValue();
        }
        assertThat(lines).isEqualTo(38);
    }

    @Test
    void files_withHigherTimeframe_addsParsableMtfAndSignals() {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double p = 50;
        for (int i = 0; i < 300; i++) {
            double c = Math.max(1, p + r.nextGaussian() * 0.4);
            csv.append(Timestamps.format(1_704_067_200L + i * 3600L))
                    .append(",Q\"X,1h,")
                    .append(p)
                    .append(',')
                    .append(Math.max(p, c) + 0.2)
                    .append(',')
                    .append(Math.min(p, c) - 0.2)
                    .append(',')
                    .append(c)
                    .append(",100\n");
            p = c;
        }
        BarSeries trading = BarsCsvParser.parseSingle(new StringReader(csv.toString()), "gen");
        BarSeries htf = BarAggregator.complete(trading, Timeframe.H4);
        Map<String, String> files = DrummondReport.files(trading, htf);
        assertThat(files).containsKeys("mtf.json", "signals.json").hasSize(12);
        @SuppressWarnings("unchecked")
        Map<String, Object> mtf = (Map<String, Object>) MiniJson.parse(files.get("mtf.json"));
        assertThat(mtf.get("timestamp")).isEqualTo(Timestamps.format(trading.ts()[299]));
        assertThat(mtf).containsKeys("alignment_score", "confluence_zones", "recommended_action");
        @SuppressWarnings("unchecked")
        Map<String, Object> sig = (Map<String, Object>) MiniJson.parse(files.get("signals.json"));
        assertThat(sig).containsKey("signals");
        for (Object o : (List<?>) sig.get("signals")) {
            Map<?, ?> one = (Map<?, ?>) o;
            assertThat(one.get("symbol")).isEqualTo("Q\"X");
            String type = ((String) one.get("signal_type")).toUpperCase(java.util.Locale.ROOT);
            assertThat((String) one.get("reason")).startsWith(type + " Q\"X 1h: HTF 4h ");
        }
    }
}
