package io.dgas.app.ingest;

import io.dgas.app.gaps.DataGaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a gap fill makes for one series' gaps (oldest first): consecutive gaps share a request while the
 * stretch from the first one's first missing bar to the last one's last missing bar is shorter than what one request
 * of the source may ask for ({@code span} seconds: the API's limit, e.g. 120 days of 1m bars; unbounded for daily
 * bars), and a gap longer than that is asked in requests of that span. The stored bars between merged gaps come back
 * too and load as unchanged (or as the source's corrections): a source's limit counts requests, not rows, so ten
 * years of one-minute bars with 2,500 gaps cost some thirty requests instead of 2,500.
 */
final class GapRequests {
    private GapRequests() {}

    /** One request: bars opening in {@code [from, to]}, and the gaps it completes (a split gap counts in its last). */
    record Request(Instant from, Instant to, int gaps) {}

    /** The requests for {@code gaps} (oldest first, not overlapping) of at most {@code span} seconds each. */
    static List<Request> plan(List<DataGaps.Gap> gaps, long span) {
        List<Request> out = new ArrayList<>();
        Request open = null;
        for (DataGaps.Gap g : gaps) {
            if (open != null && seconds(open.from(), g.to()) < span) {
                open = new Request(open.from(), g.to(), open.gaps() + 1);
                continue;
            }
            if (open != null) {
                out.add(open);
            }
            // a gap longer than one request: whole spans first, the rest stays open for the gaps after it
            Instant from = g.from();
            while (seconds(from, g.to()) >= span) {
                Instant to = from.plusSeconds(span - 1);
                out.add(new Request(from, to, 0));
                from = to.plusSeconds(1);
            }
            open = new Request(from, g.to(), 1);
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private static long seconds(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }
}
