package io.dgas.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import org.junit.jupiter.api.Test;

class BarsBuilderTest {
    @Test
    void closes_fromAStart_areConsecutiveBarsOpeningAtThePreviousClose() {
        BarSeries s = BarsBuilder.of("X", Timeframe.H1, "2024-01-01T00:00:00Z")
                .ohlc(10, 11, 9, 10.5)
                .closes(11, 10.8)
                .build();

        assertThat(s.size()).isEqualTo(3);
        assertThat(s.ts()[2] - s.ts()[0]).isEqualTo(2 * 3600);
        assertThat(s.open()[1]).isEqualTo(10.5);
        assertThat(s.high()[1]).isEqualTo(11 * 1.005);
        assertThat(s.low()[2]).isEqualTo(10.8 * 0.995);
    }

    @Test
    void csv_writesTheBarsFormat() {
        String csv = BarsBuilder.of("X", Timeframe.D1, "2024-01-01T00:00:00Z")
                .ohlc(1, 2, 0.5, 1.5)
                .csv();

        assertThat(csv)
                .isEqualTo("timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-01T00:00:00Z,X,1d,1.0,2.0,0.5,1.5,1000.0\n");
    }
}
