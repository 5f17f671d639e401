package io.dgas.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.ConfluenceZone;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestConfluenceTest {
    /** Two bars spanning 90..110, the newest closing at 100. */
    private static final BarColumns BARS = new BarColumns(
            "X",
            Timeframe.H1,
            new long[] {0, 3600},
            new double[] {95, 99},
            new double[] {105, 110},
            new double[] {90, 95},
            new double[] {99, 100},
            new double[] {1, 1});

    private static ConfluenceZone zone(double lower, double upper, double weight) {
        return new ConfluenceZone(ConfluenceZone.SUPPORT, (lower + upper) / 2, lower, upper, 2, weight);
    }

    @Test
    void nearestConfluence_strongZonesFarFromTheClose_keepsTheNearOnesByPrice() {
        // strongest first, as MultiTimeframe sorts them: four heavy ones far from 100, then the light one holding it
        List<ConfluenceZone> zones = List.of(
                zone(90, 91, 20),
                zone(91.5, 92, 18),
                zone(106.5, 107, 16),
                zone(93, 94, 14),
                zone(99.5, 100.5, 3),
                zone(102, 103, 2.6),
                zone(200, 201, 30));

        List<AnalysisService.Confluence> shown =
                AnalysisService.nearestConfluence(zones, AnalysisService.Shown.of(BARS));

        assertThat(shown)
                .extracting(AnalysisService.Confluence::lower)
                .as(
                        "the zone holding the close, then at distances 2, 6 and 6.5; not those 8 and 9 away, nor one outside the"
                                + " bars' range")
                .containsExactly(93.0, 99.5, 102.0, 106.5);
        assertThat(shown.get(1).type()).isEqualTo("at price");
        assertThat(shown.get(0).type()).isEqualTo("support");
        assertThat(shown.get(3).type()).isEqualTo("resistance");
    }
}
