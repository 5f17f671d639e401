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
}
