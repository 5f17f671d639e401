package io.dgas.store.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalSamplesTest {
    @Test
    void coveredMark_replayBetweenSamples_isTheMarkOfTheNewestSampleReached() {
        WalSamples s = new WalSamples(8);
        s.add(0, 100, 1_000);
        s.add(2, 200, 2_000);
        s.add(5, 300, 3_000);

        assertThat(s.coveredMark(99)).isEqualTo(-1);
        assertThat(s.coveredMark(100)).isEqualTo(0);
        assertThat(s.coveredMark(299)).isEqualTo(2);
        assertThat(s.coveredMark(300)).isEqualTo(5);
        assertThat(s.coveredMark(1_000)).isEqualTo(5);
    }

    @Test
    void lagMillis_replayBehind_isTimeSinceTheOldestSampleBeyondIt() {
        WalSamples s = new WalSamples(8);
        assertThat(s.lagMillis(0, 5_000)).as("no sample yet").isEqualTo(-1);
        s.add(0, 100, 1_000);
        s.add(0, 200, 2_000);
        s.add(0, 300, 3_000);

        assertThat(s.lagMillis(300, 9_000))
                .as("at the newest sample: no lag, however idle")
                .isZero();
        assertThat(s.lagMillis(250, 9_000)).isEqualTo(9_000 - 3_000);
        assertThat(s.lagMillis(150, 9_000)).isEqualTo(9_000 - 2_000);
        assertThat(s.lagMillis(50, 9_000)).isEqualTo(9_000 - 1_000);
    }

    @Test
    void add_beyondCapacity_forgetsTheOldestSamples() {
        WalSamples s = new WalSamples(2);
        s.add(1, 100, 1_000);
        s.add(2, 200, 2_000);
        s.add(3, 300, 3_000);

        assertThat(s.coveredMark(150)).as("the sample at 100 is gone").isEqualTo(-1);
        assertThat(s.lagMillis(50, 4_000)).as("behind every sample kept").isEqualTo(4_000 - 2_000);
    }

    @Test
    void parseLsn_postgresText_isHighAndLowWords() {
        assertThat(WalSamples.parseLsn("0/30170C8")).isEqualTo(0x30170C8L);
        assertThat(WalSamples.parseLsn("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThatThrownBy(() -> WalSamples.parseLsn("30170C8")).hasMessageContaining("not an LSN: '30170C8'");
    }
}
