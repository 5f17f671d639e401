package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnTimeframesTest {
    @Test
    void nearestOrAlone_dailyAndWeekly_theDailyThatPairs() {
        assertThat(OwnTimeframes.nearestOrAlone(List.of(Timeframe.D1, Timeframe.W1), Timeframe.H1))
                .isEqualTo(Timeframe.D1);
    }

    @Test
    void nearestOrAlone_weeklyAlone_theWeekly() {
        assertThat(OwnTimeframes.nearestOrAlone(List.of(Timeframe.W1), Timeframe.H1))
                .isEqualTo(Timeframe.W1);
    }

    @Test
    void nearestOrAlone_nothingStored_null() {
        assertThat(OwnTimeframes.nearestOrAlone(List.of(), Timeframe.H1)).isNull();
    }
}
