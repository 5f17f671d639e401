package io.dgas.app.jobs;

import io.dgas.store.SqlSession;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.jobs.JobRecord;
import io.dgas.store.jobs.JobRepository;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A claimed job's progress: recorded and announced at most every {@link JobService#PROGRESS_EVERY}, and at each phase;
 * each write names the claim's attempt, so a claim that lost its job (cancelled, requeued) learns it at its next write
 * and stops.
 */
final class JobProgress implements Progress {
    private final JobRepository jobs;
    private final Clock clock;
    private final EventPublisher events;
    private final BooleanSupplier stopping;
    private final long id;
    private final int attempt;
    private final JobKind.Link<?> link;
    private String phase;
    private long total;
    private long lastWrite = Long.MIN_VALUE;
    /** Ended with the work's results, in their transaction ({@link #succeedingIn}). */
    private boolean ended;

    /**
     * @param stopping whether the job's server is stopping (the job then goes back to the queue at its next write)
     * @param link where the work's answer is seen, for {@link #succeedingIn}
     */
    JobProgress(
            JobRepository jobs,
            Clock clock,
            EventPublisher events,
            BooleanSupplier stopping,
            JobRecord claim,
            JobKind.Link<?> link) {
        this.jobs = jobs;
        this.clock = clock;
        this.events = events;
        this.stopping = stopping;
        this.id = claim.id();
        this.attempt = claim.attempts();
        this.link = link;
    }

    /** Whether the work ended its job with its results ({@link #succeedingIn}): nothing is left to record. */
    boolean ended() {
        return ended;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void succeedingIn(SqlSession session, Object answer) {
        // not stopped by its server's stop: the work is done, and it commits within the stop's wait
        String to = ((JobKind.Link<Object>) link).of(answer);
        if (!jobs.succeedIn(session, id, attempt, JobService.json(answer), to, clock.instant())) {
            throw cancelled();
        }
        // sent at the commit, with the results
        events.publish(session, List.of(JobEvents.event(id, JobRepository.SUCCEEDED, null, 0, 0)));
        ended = true;
    }

    @Override
    public void phase(String name, long total) {
        this.phase = name;
        this.total = total;
        write(0, true);
    }

    @Override
    public void stepsDone(long steps) {
        write(steps, false);
    }

    private JobStoppedException cancelled() {
        return new JobStoppedException(id, JobRepository.CANCELLED, "cancelled before it ended; nothing was stored");
    }

    private void write(long done, boolean always) {
        if (stopping.getAsBoolean()) {
            throw new JobStoppedException(id, JobRepository.QUEUED, "back in the queue: its server is stopping");
        }
        long now = clock.millis();
        if (!always && lastWrite != Long.MIN_VALUE && now - lastWrite < JobService.PROGRESS_EVERY.toMillis()) {
            return;
        }
        lastWrite = now;
        if (!jobs.progress(id, attempt, phase, done, total, clock.instant())) {
            throw cancelled();
        }
        JobEvents.announce(events, id, JobRepository.RUNNING, phase, done, total);
    }
}
