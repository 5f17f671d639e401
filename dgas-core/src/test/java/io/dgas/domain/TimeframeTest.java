package io.dgas.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeframeTest {
    @Test
    void isHigherOver_coarserMultiple_true() {
        assertThat(Timeframe.H4.isHigherOver(Timeframe.H1)).isTrue();
        assertThat(Timeframe.W1.isHigherOver(Timeframe.H4)).isTrue();
    }

    @Test
    void isHigherOver_sameOrFiner_false() {
        assertThat(Timeframe.H1.isHigherOver(Timeframe.H1)).isFalse();
        assertThat(Timeframe.H4.isHigherOver(Timeframe.D1)).isFalse();
    }

    @Test
    void highers_of1d_only1w() {
        assertThat(Timeframe.D1.highers()).containsExactly(Timeframe.W1);
        assertThat(Timeframe.W1.highers()).isEmpty();
        assertThat(Timeframe.M30.highers()).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1, Timeframe.W1);
    }

    @Test
    void defaultHigher_everyTradingTimeframe_isAHigherOne() {
        for (Timeframe tf : Timeframe.values()) {
            if (tf == Timeframe.W1) {
                assertThat(tf.defaultHigher()).isEmpty();
            } else {
                assertThat(tf.defaultHigher()).get().matches(h -> h.isHigherOver(tf), "higher over " + tf);
            }
        }
        assertThat(Timeframe.M15.defaultHigher()).contains(Timeframe.H1);
        assertThat(Timeframe.H1.defaultHigher()).contains(Timeframe.H4);
    }
}
