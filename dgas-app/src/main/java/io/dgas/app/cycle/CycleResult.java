package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.store.runs.RunRecord;
import java.util.List;

/** A finished cycle: the stored run record and the signals stored with it. */
public record CycleResult(RunRecord run, List<Signal> signals) {}
