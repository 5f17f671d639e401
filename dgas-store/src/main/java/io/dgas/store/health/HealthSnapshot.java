package io.dgas.store.health;

import java.time.Instant;
import java.util.List;

/** Every check at one instant, and the overall verdict (the worst of them). */
public record HealthSnapshot(Instant at, Verdict overall, List<Check> checks) {

    public static HealthSnapshot of(Instant at, List<Check> checks) {
        Verdict overall = Verdict.HEALTHY;
        for (Check c : checks) {
            overall = overall.worst(c.verdict());
        }
        return new HealthSnapshot(at, overall, List.copyOf(checks));
    }
}
