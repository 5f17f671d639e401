package io.dgas.app.schedule;

import io.dgas.app.cycle.CycleRequest;
import java.time.Instant;
import java.util.List;

/**
 * The work of one batch task, as stored in the scheduler's table (JSON).
 *
 * @param run prediction run id
 * @param batch batch number within the run
 * @param asOf analysis time, epoch seconds
 * @param staleSeconds staleness threshold
 * @param instances the live instances the symbols were assigned over by hash ({@link SymbolAssignment}), or null when
 *     batches are for anyone; absent in tasks stored before it existed
 */
public record BatchData(
        long run,
        int batch,
        List<String> symbols,
        String htf,
        String trading,
        int lookback,
        long staleSeconds,
        long asOf,
        List<String> instances) {
    /** Whether this is an idle instance's release task (no batch of the run: its share is empty). */
    boolean release() {
        return batch < 0;
    }

    /** Batch {@code batch} of run {@code run} (-1: an idle instance's release task) for {@code symbols} under {@code r}. */
    static BatchData of(
            long run, int batch, List<String> symbols, CycleRequest r, Instant asOf, List<String> instances) {
        return new BatchData(
                run,
                batch,
                symbols,
                r.htf().code(),
                r.trading().code(),
                r.lookback(),
                r.staleAfter().toSeconds(),
                asOf.getEpochSecond(),
                instances);
    }
}
