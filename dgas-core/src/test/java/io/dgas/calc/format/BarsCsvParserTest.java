package io.dgas.calc.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarsCsvParserTest {
    private static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";

    @Test
    void parse_twoSymbols_groupsBySymbolAndInterval() {
        String csv = HEADER
                + "2024-01-01T00:00:00+00:00,AAA,1h,1,2,0.5,1.5,10\n"
                + "2024-01-01T00:00:00+00:00,BBB,60min,5,6,4,5.5,20\n"
                + "\n"
                + "2024-01-01T01:00:00+00:00,AAA,1h,1.5,2.5,1,2,30\n";
        Map<String, BarSeries> all = BarsCsvParser.parse(new StringReader(csv), "mem");
        assertThat(all).containsOnlyKeys("AAA/1h", "BBB/1h");
        BarSeries a = all.get("AAA/1h");
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(a.close()[1]).isEqualTo(2.0);
        assertThat(a.ts()[1]).isEqualTo(1_704_070_800L);
    }

    @Test
    void parse_badNumber_namesSourceLineAndField() {
        String csv = HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,1,x,0.5,1.5,10\n";
        assertThatThrownBy(() -> BarsCsvParser.parse(new StringReader(csv), "bars.csv"))
                .isInstanceOf(UnableToParseException.class)
                .hasMessageContaining("bars.csv:2")
                .hasMessageContaining("field 'high': not a number: 'x'");
    }

    @Test
    void parse_shortRow_namesTheMissingField() {
        String csv = HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,1,2,0.5\n";
        assertThatThrownBy(() -> BarsCsvParser.parse(new StringReader(csv), "bars.csv"))
                .isInstanceOf(UnableToParseException.class)
                .hasMessageContaining("bars.csv:2")
                .hasMessageContaining(
                        "field 'close': missing: the row has 6 fields, this column is field 7 of the header");
    }

    @Test
    void parse_missingColumn_isRejected() {
        assertThatThrownBy(() -> BarsCsvParser.parse(new StringReader("timestamp,symbol\n"), "f"))
                .isInstanceOf(UnableToParseException.class)
                .hasMessageContaining("missing column 'interval'");
    }

    @Test
    void parse_descendingTimestamps_isRejectedWithLine() {
        String csv = HEADER
                + "2024-01-01T01:00:00+00:00,AAA,1h,1,2,0.5,1.5,10\n"
                + "2024-01-01T00:00:00+00:00,AAA,1h,1,2,0.5,1.5,10\n";
        assertThatThrownBy(() -> BarsCsvParser.parse(new StringReader(csv), "f"))
                .isInstanceOf(UnableToParseException.class)
                .hasMessageContaining("f:3");
    }

    @Test
    void parse_barsIngestWouldRefuse_namesLineFieldAndValue() {
        assertThatThrownBy(() -> BarsCsvParser.parse(
                        new StringReader(HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,10,9,8,10.5,10\n"), "f.csv"))
                .isInstanceOf(UnableToParseException.class)
                .hasMessage("f.csv:2: field 'high': 9 must be >= max(open, close) (10.5)");
        assertThatThrownBy(() -> BarsCsvParser.parse(
                        new StringReader(HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,10,11,10.2,10.5,10\n"), "f.csv"))
                .hasMessage("f.csv:2: field 'low': 10.2 must be <= min(open, close) (10.0)");
        assertThatThrownBy(() -> BarsCsvParser.parse(
                        new StringReader(HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,10,11,9,-1,10\n"), "f.csv"))
                .hasMessage("f.csv:2: field 'close': must be a finite price > 0, got '-1'");
        assertThatThrownBy(() -> BarsCsvParser.parse(
                        new StringReader(HEADER + "2024-01-01T00:00:00+00:00,AAA,1h,10,11,9,10,NaN\n"), "f.csv"))
                .hasMessage("f.csv:2: field 'volume': must be a finite volume >= 0, got 'NaN'");
        assertThatThrownBy(() -> BarsCsvParser.parse(
                        new StringReader(HEADER + "2024-01-01T00:30:00+00:00,AAA,1h,10,11,9,10,1\n"), "f.csv"))
                .hasMessage("f.csv:2: field 'timestamp': '2024-01-01T00:30:00+00:00' is not a 1h bar open time (the bar"
                        + " holding it opens at 2024-01-01T00:00:00+00:00)");
    }

    @Test
    void parse_repeatedBarTime_namesTheBarBefore() {
        String csv = HEADER
                + "2024-01-01T00:00:00Z,AAA,1h,1,2,0.5,1.5,10\n"
                + "2024-01-01T00:00:00Z,AAA,1h,1,2,0.5,1.5,10\n";
        assertThatThrownBy(() -> BarsCsvParser.parse(new StringReader(csv), "f.csv"))
                .hasMessage("f.csv:3: field 'timestamp': '2024-01-01T00:00:00Z' is not after the bar before it of AAA"
                        + " 1h (2024-01-01T00:00:00+00:00): a series' bars ascend in time, one per bar time");
    }
}
