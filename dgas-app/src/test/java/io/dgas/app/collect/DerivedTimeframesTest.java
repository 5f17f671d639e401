package io.dgas.app.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedTimeframesTest {
    private static final Set<Timeframe> EODHD = Set.of(Timeframe.M1, Timeframe.M5, Timeframe.H1, Timeframe.D1);

    @Test
    void bases_servedBasesStored_coarsestFetchedDivisorOfEachUnservedTimeframe() {
        Set<Timeframe> stored = Set.of(Timeframe.M1, Timeframe.M15, Timeframe.H4, Timeframe.D1, Timeframe.W1);

        // 15m and 4h from the stored 1m (not a fresh 5m or 1h series); 1w from 1d, not 1m
        assertThat(DerivedTimeframes.bases(stored, EODHD))
                .isEqualTo(Map.of(Timeframe.M15, Timeframe.M1, Timeframe.H4, Timeframe.M1, Timeframe.W1, Timeframe.D1));
    }

    @Test
    void bases_noServedBaseStored_coarsestServedDivisor() {
        Set<Timeframe> stored = Set.of(Timeframe.M15, Timeframe.H4, Timeframe.W1);

        assertThat(DerivedTimeframes.bases(stored, EODHD))
                .isEqualTo(Map.of(Timeframe.M15, Timeframe.M5, Timeframe.H4, Timeframe.H1, Timeframe.W1, Timeframe.D1));
    }

    @Test
    void bases_servedOnly_nothingDerived() {
        assertThat(DerivedTimeframes.bases(Set.of(Timeframe.H1, Timeframe.D1), EODHD))
                .isEmpty();
        assertThat(DerivedTimeframes.bases(Set.of(Timeframe.H4), Set.of())).isEmpty();
    }
}
