package io.dgas.store.jobs;

import java.io.Serializable;
import java.time.Instant;

/**
 * One background job as stored ({@code jobs}, V108).
 *
 * @param id its id
 * @param kind what it runs ({@code backtest}, {@code evaluation})
 * @param instance the process that accepted it, then the one that claimed it last
 * @param state {@code queued}, {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} or {@code
 *     abandoned}
 * @param request the request as JSON text
 * @param phase what it is doing now ({@code analysing}, {@code storing}, …), null before it starts
 * @param done steps of the phase done
 * @param total steps of the phase (0: not known)
 * @param cancelRequested whether a cancel was asked and not yet seen by the job
 * @param result its answer as JSON text once succeeded, else null
 * @param link where what it made is seen once succeeded (a dashboard page), else null
 * @param error its error as JSON text once failed ({@code {error, parameter, value, accepted}}), else null
 * @param attempts how many times a server has claimed it (a job goes back to the queue when its server stops or dies)
 */
public record JobRecord(
        long id,
        String kind,
        String instance,
        String state,
        String request,
        String phase,
        long done,
        long total,
        boolean cancelRequested,
        String result,
        String link,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        int attempts)
        implements Serializable {

    /** Whether the job has ended (succeeded, failed, cancelled or abandoned): nothing will change it any more. */
    public boolean ended() {
        return !state.equals(JobRepository.QUEUED) && !state.equals(JobRepository.RUNNING);
    }
}
