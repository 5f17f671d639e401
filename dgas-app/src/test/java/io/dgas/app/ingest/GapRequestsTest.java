package io.dgas.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.gaps.DataGaps.Gap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapRequestsTest {
    private static final long DAY = 86_400;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** A gap of one-minute bars whose first and last missing bars open these seconds after T0. */
    private static Gap gap(long fromSecond, long toSecond) {
        return new Gap(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), (toSecond - fromSecond) / 60 + 1);
    }

    private static GapRequests.Request request(long fromSecond, long toSecond, int gaps) {
        return new GapRequests.Request(T0.plusSeconds(fromSecond), T0.plusSeconds(toSecond), gaps);
    }

    @Test
    void plan_gapsWithinOneSpan_shareOneRequestFromTheFirstMissingBarToTheLast() {
        long span = 120 * DAY;
        List<Gap> gaps = List.of(gap(0, 300), gap(10 * DAY, 10 * DAY + 60), gap(120 * DAY - 60, 120 * DAY - 60));

        assertThat(GapRequests.plan(gaps, span)).containsExactly(request(0, 120 * DAY - 60, 3));
    }

    @Test
    void plan_aGapBeyondTheSpan_startsTheNextRequest() {
        long span = 120 * DAY;
        List<Gap> gaps = List.of(gap(0, 60), gap(120 * DAY, 120 * DAY), gap(121 * DAY, 121 * DAY + 120));

        assertThat(GapRequests.plan(gaps, span))
                .containsExactly(request(0, 60, 1), request(120 * DAY, 121 * DAY + 120, 2));
    }

    @Test
    void plan_aGapLongerThanTheSpan_wholeSpansThenTheRestOpenToTheNextGap() {
        long span = 10 * DAY;
        List<Gap> gaps = List.of(gap(DAY, 25 * DAY), gap(27 * DAY, 27 * DAY));

        assertThat(GapRequests.plan(gaps, span))
                .containsExactly(
                        request(DAY, 11 * DAY - 1, 0),
                        request(11 * DAY, 21 * DAY - 1, 0),
                        request(21 * DAY, 27 * DAY, 2));
    }

    @Test
    void plan_unboundedSpan_everyGapInOneRequest_noneWithoutGaps() {
        List<Gap> gaps = List.of(gap(0, 0), gap(400 * DAY, 400 * DAY), gap(4000 * DAY, 4001 * DAY));

        assertThat(GapRequests.plan(gaps, Long.MAX_VALUE)).containsExactly(request(0, 4001 * DAY, 3));
        assertThat(GapRequests.plan(List.of(), DAY)).isEmpty();
    }
}
