package io.dgas.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BarSeriesTest {
    private static BarSeries series(int n) {
        BarSeries s = new BarSeries("X", Timeframe.H1, 2);
        for (int i = 0; i < n; i++) {
            s.append(3600L * i, 10 + i, 11 + i, 9 + i, 10.5 + i, 100);
        }
        return s;
    }

    @Test
    void append_beyondCapacity_growsAndKeepsValues() {
        BarSeries s = series(100);
        assertThat(s.size()).isEqualTo(100);
        assertThat(s.close()[99]).isEqualTo(109.5);
        assertThat(s.bar(5)).isEqualTo(new Bar(18000, 15, 16, 14, 15.5, 100));
    }

    @Test
    void append_timestampNotAfterLast_isRejected() {
        BarSeries s = series(3);
        assertThatThrownBy(() -> s.append(7200, 1, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascend");
    }

    @Test
    void version_changesOnAppendAndReplace_andRestoresForIdenticalContent() {
        BarSeries s = series(5);
        long v5 = s.version();
        s.replaceLast(4 * 3600L, 14, 15, 13, 14.7, 100);
        assertThat(s.version()).isNotEqualTo(v5);
        s.replaceLast(4 * 3600L, 14, 15, 13, 14.5, 100);
        assertThat(s.version()).isEqualTo(v5);
        s.append(5 * 3600L, 1, 2, 0.5, 1.5, 1);
        assertThat(s.version()).isNotEqualTo(v5);
    }

    @Test
    void version_barCorrectedInTheMiddle_differs() {
        BarSeries a = series(50);
        BarSeries b = new BarSeries("X", Timeframe.H1);
        for (int i = 0; i < 50; i++) {
            b.append(3600L * i, 10 + i, 11 + i, 9 + i, i == 25 ? 35.25 : 10.5 + i, 100);
        }
        assertThat(b.version()).isNotEqualTo(a.version());
        assertThat(series(50).version()).isEqualTo(a.version());
    }

    @Test
    void replaceLast_emptySeries_isRejected() {
        assertThatThrownBy(() -> new BarSeries("X", Timeframe.H1).replaceLast(0, 1, 1, 1, 1, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void indexAtOrBefore_binarySearch_findsLastNotAfter() {
        BarSeries s = series(10);
        assertThat(s.indexAtOrBefore(-1)).isEqualTo(-1);
        assertThat(s.indexAtOrBefore(3600 * 4 + 10)).isEqualTo(4);
        assertThat(s.indexAtOrBefore(3600 * 9)).isEqualTo(9);
    }

    @Test
    void head_wholeSeries_sameBarsVersionAndReplaceableLastBar() {
        BarSeries s = new BarSeries("X", Timeframe.H1);
        for (int i = 0; i < 7; i++) {
            s.append(3600L * i, 10 + i, 11 + i, 9 + i, 10.5 + i, 100 * i);
        }
        BarSeries copy = s.head(7);
        BarSeries rebuilt = s.head(6).append(3600L * 6, 16, 17, 15, 16.5, 600);

        assertThat(copy.size()).isEqualTo(7);
        assertThat(copy.close()[6]).isEqualTo(16.5);
        assertThat(copy.version()).isEqualTo(s.version()).isEqualTo(rebuilt.version());
        copy.replaceLast(3600L * 6, 16, 18, 15, 17, 650);
        rebuilt.replaceLast(3600L * 6, 16, 18, 15, 17, 650);
        assertThat(copy.version()).isEqualTo(rebuilt.version()).isNotEqualTo(s.version());
        assertThat(s.close()[6]).as("the original is untouched").isEqualTo(16.5);
    }
}
