package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.calc.format.DrummondJson;
import io.dgas.domain.BarSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's worked cases ({@code vectors/cases}) as golden tests: exhaust re-entry across the broken edge (§4.3,
 * both directions) and zones of exact projected prices in stable line order (§5). Events must equal the case exactly;
 * zone prices to 1e-9 (the case's decimals are exact).
 */
class WorkedCasesTest {

    @Test
    void exhaust_closeSnapsThroughBandAfterUpRun_firesDownEvent() {
        assertExhaustAsStated("exhaust_reentry_through_band");
    }

    @Test
    void exhaust_closeSnapsThroughBandAfterDownRun_firesUpEvent() {
        assertExhaustAsStated("exhaust_reentry_through_band_down");
    }

    @Test
    void zones_equalPricesOfDifferentType_keepLineOrderAndChain() {
        WorkedCase c = WorkedCase.load("zones_equal_price_tie_order");
        DrummondAnalysis a = DrummondAnalyzer.analyze(c.bars());
        List<String[]> expected = c.tableAfter("## Expected `drummond_zones.json` zones");
        List<?> ours =
                (List<?>) GoldenParityTest.json(DrummondJson.zones(a.zones())).get("zones");
        assertThat(ours).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            String[] row = expected.get(k);
            Map<?, ?> z = (Map<?, ?>) ours.get(k);
            String where = "zone " + k;
            assertThat(z.get("line_type")).as(where).isEqualTo(row[0]);
            assertThat(number(z.get("lower_price"))).as(where).isCloseTo(Double.parseDouble(row[1]), within(1e-9));
            assertThat(number(z.get("upper_price"))).as(where).isCloseTo(Double.parseDouble(row[2]), within(1e-9));
            assertThat(number(z.get("center_price"))).as(where).isCloseTo(Double.parseDouble(row[3]), within(1e-9));
            assertThat(((Double) z.get("strength")).intValue()).as(where).isEqualTo(Integer.parseInt(row[4]));
        }
    }

    @Test
    void zones_caseLines_projectToTheirExactDecimalPrice() {
        WorkedCase c = WorkedCase.load("zones_equal_price_tie_order");
        DrummondLines lines = DrummondAnalyzer.analyze(c.bars()).lines();
        List<String[]> table = c.tableAfter("Lines (projected");
        assertThat(lines.count()).isEqualTo(table.size());
        for (String[] row : table) {
            int id = Integer.parseInt(row[0]);
            // the double nearest the exact decimal: R0 is 102.05, not the 102.05000000000001 of plain doubles
            assertThat(lines.projectedPrice(id)).as("line " + id).isEqualTo(Double.parseDouble(row[3]));
        }
    }

    private static void assertExhaustAsStated(String name) {
        WorkedCase c = WorkedCase.load(name);
        BarSeries bars = c.bars();
        DrummondAnalysis a = DrummondAnalyzer.analyze(bars);
        Object expected = MiniJson.parse(c.blockAfter("## Expected `patterns.json`"));
        List<String> want = new ArrayList<>();
        for (Object o : (List<?>) expected) {
            want.add(GoldenParityTest.eventKey((Map<?, ?>) o));
        }
        List<String> got = new ArrayList<>();
        PatternEvents e = a.patterns();
        for (int k = 0; k < e.size(); k++) {
            if (e.type(k) == PatternType.EXHAUST) {
                got.add(GoldenParityTest.eventKey(e, k, bars));
            }
        }
        assertThat(want).as("the case states one event").hasSize(1);
        assertThat(got).containsExactlyElementsOf(want);
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.parseDouble(o.toString());
    }
}
