package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.store.runs.RunRecord;
import java.util.List;

/**
 * A finished cycle: the stored run record, the signals stored with it and what each active paper session did with
 * them (empty when none ran, or before the run's after-run stage).
 */
public record CycleResult(RunRecord run, List<Signal> signals, List<? extends PaperActivity> paper) {
    public CycleResult(RunRecord run, List<Signal> signals) {
        this(run, signals, List.of());
    }

    /** This result with {@code activity} as its paper sessions' part. */
    public CycleResult withPaper(List<? extends PaperActivity> activity) {
        return new CycleResult(run, signals, List.copyOf(activity));
    }
}
