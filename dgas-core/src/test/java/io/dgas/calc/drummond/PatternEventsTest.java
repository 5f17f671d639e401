package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The event list across its block boundaries: appends, kept or dropped rows, and truncation back over a boundary. */
class PatternEventsTest {
    private static final int ROWS = 3 * PatternEvents.BLOCK_ROWS + 7;

    @Test
    void addIf_acrossBlocks_everyKeptRowReadsBack() {
        PatternEvents e = new PatternEvents();
        for (int k = 0; k < ROWS; k++) {
            // every third row is written but not kept: the next row takes its place
            e.addIf(k % 3 == 2 ? 0 : 1, PatternType.PLDOT_PUSH, 1, k, k + 1, k + 2, k + 3);
        }
        int kept = ROWS - ROWS / 3;
        assertThat(e.size()).isEqualTo(kept);
        int k = 0;
        for (int i = 0; i < ROWS; i++) {
            if (i % 3 != 2) {
                assertThat(e.start(k)).isEqualTo(i);
                assertThat(e.detectedAt(k)).isEqualTo(i + 3);
                k++;
            }
        }
        assertThatThrownBy(() -> e.start(kept)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void truncate_backOverBlockBoundary_appendsContinueThere() {
        PatternEvents e = new PatternEvents();
        for (int k = 0; k < ROWS; k++) {
            e.add(PatternType.PLDOT_PUSH, 1, k, k, 3, k);
        }
        int back = 2 * PatternEvents.BLOCK_ROWS - 5;
        e.truncate(back);
        for (int k = back; k < ROWS + 10; k++) {
            e.add(PatternType.C_WAVE, -1, -k, -k, 4, k);
        }
        assertThat(e.size()).isEqualTo(ROWS + 10);
        assertThat(e.type(back - 1)).isEqualTo(PatternType.PLDOT_PUSH);
        assertThat(e.start(back - 1)).isEqualTo(back - 1);
        for (int k = back; k < ROWS + 10; k++) {
            assertThat(e.type(k)).isEqualTo(PatternType.C_WAVE);
            assertThat(e.start(k)).isEqualTo(-k);
        }
        // detection bars ascend with the index: the count known by bar b is b + 1
        assertThat(e.countDetectedBy(2 * PatternEvents.BLOCK_ROWS)).isEqualTo(2 * PatternEvents.BLOCK_ROWS + 1);
        assertThat(e.countDetectedBy(-1)).isZero();
    }
}
