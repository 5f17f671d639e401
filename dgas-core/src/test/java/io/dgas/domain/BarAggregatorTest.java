package io.dgas.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BarAggregatorTest {
    private static BarSeries hourly(int n) {
        BarSeries s = new BarSeries("X", Timeframe.H1);
        for (int i = 0; i < n; i++) {
            s.append(3600L * i, 10 + i, 12 + i, 9 + i, 11 + i, 10);
        }
        return s;
    }

    @Test
    void complete_lastBucketWithoutLaterData_isLeftOut() {
        BarSeries h4 = BarAggregator.complete(hourly(10), Timeframe.H4);
        assertThat(h4.size()).isEqualTo(2);
        assertThat(h4.bar(0)).isEqualTo(new Bar(0, 10, 15, 9, 14, 40));
        assertThat(h4.bar(1)).isEqualTo(new Bar(4 * 3600, 14, 19, 13, 18, 40));
    }

    @Test
    void complete_asOfAtBucketEnd_includesIt() {
        assertThat(BarAggregator.complete(hourly(12), Timeframe.H4).size()).isEqualTo(2);
        assertThat(BarAggregator.complete(hourly(12), Timeframe.H4, 12 * 3600).size())
                .isEqualTo(3);
        assertThat(BarAggregator.complete(hourly(12), Timeframe.H4, 12 * 3600 - 1)
                        .size())
                .isEqualTo(2);
    }

    @Test
    void forming_openBucket_isAFormingBarNotPartOfTheSeries() {
        FormingBar f = BarAggregator.forming(hourly(10), Timeframe.H4, 10 * 3600);
        assertThat(f).isEqualTo(new FormingBar(8 * 3600, 12 * 3600, 18, 21, 17, 20, 20));
        assertThat(f.isCompleteAt(12 * 3600)).isTrue();
        assertThat(BarAggregator.forming(hourly(12), Timeframe.H4, 12 * 3600)).isNull();
    }

    @Test
    void complete_targetNotAMultiple_isRejected() {
        BarSeries s = new BarSeries("X", Timeframe.H4);
        assertThatThrownBy(() -> BarAggregator.complete(s, Timeframe.H1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple");
    }
}
