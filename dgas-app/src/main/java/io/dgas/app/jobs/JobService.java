package io.dgas.app.jobs;

import io.dgas.UserError;
import io.dgas.app.Json;
import io.dgas.app.service.BadInputException;
import io.dgas.app.service.ErrorBody;
import io.dgas.app.service.NotFoundException;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.jobs.JobRecord;
import io.dgas.store.jobs.JobRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs: work too long for one request (a backtest or a signal evaluation over a large universe) is
 * accepted at once ({@link #submit}: the request is checked by the caller first, so bad input still fails then) and
 * run by this process on {@code workers} threads, in the order accepted; the {@code jobs} table (V108) holds its
 * state, progress and answer, so any instance on the database can say how it goes, and a {@code job} event ({@code
 * /api/v1/events}) announces each change of state and of phase and the progress at most every {@link
 * #PROGRESS_EVERY}.
 *
 * <p>Design notes: cancelling is cooperative. {@link #cancel} ends a queued job at once and flags a running one; the
 * work sees the flag at its next {@link Progress} call (once per symbol or batch), which throws {@link
 * JobStoppedException}: what it had not stored is not stored (a backtest stores in one transaction at its end). While
 * a job is open its process refreshes it every {@link #HEARTBEAT}; {@link #sweep} closes as {@code abandoned} the open
 * jobs of any process not heard of for {@link #ORPHAN_AFTER} (it died), and {@link #close} ends this process's own:
 * running ones stop at their next progress, queued ones never start.
 */
public final class JobService implements AutoCloseable {
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration ORPHAN_AFTER = Duration.ofSeconds(60);
    public static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    /** The event announcing a job's change. */
    public static final String EVENT = "job";

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    /** The error of a job that its server's stop ended. */
    private static final String STOPPED = "stopped with its server before it ended; nothing was stored";

    /** A job refused because this process holds as many open jobs as it may, or is stopping: try again later. */
    public static final class QueueFullException extends io.dgas.DgasException {
        private static final long serialVersionUID = 1L;

        QueueFullException(String message) {
            super(message);
        }
    }

    /** The work of a job: returns its answer, rendered as the API renders the synchronous request's. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Where what a job's answer made is seen (a dashboard page), or null. */
    @FunctionalInterface
    public interface Link<T> {
        String of(T answer);

        /** No page: the answer is all there is. */
        static <T> Link<T> none() {
            return answer -> null;
        }
    }

    private final JobRepository jobs;
    private final Clock clock;
    private final String instance;
    private final EventPublisher events;
    private final int maxOpen;
    private final ExecutorService workers;
    private final ScheduledExecutorService sweeper;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * @param workers jobs run at once by this process
     * @param maxOpen jobs this process holds queued or running at most; more are refused
     */
    public JobService(
            JobRepository jobs, Clock clock, String instance, EventPublisher events, int workers, int maxOpen) {
        this.jobs = jobs;
        this.clock = clock;
        this.instance = instance;
        this.events = events;
        this.maxOpen = maxOpen;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, "dgas-job-" + n.incrementAndGet()));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dgas-job-sweep"));
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Accepts a job of {@code kind} for {@code request} (stored as its JSON) and queues {@code work}; returns the job
     * as stored, queued.
     *
     * @throws QueueFullException when this process already holds {@code maxOpen} open jobs, or is stopping
     */
    public <T> JobRecord submit(String kind, Object request, Work<T> work) {
        return submit(kind, request, work, Link.none());
    }

    /** {@link #submit(String, Object, Work)}, keeping {@code link} of the answer with the job. */
    public <T> JobRecord submit(String kind, Object request, Work<T> work, Link<? super T> link) {
        if (stopping) {
            throw new QueueFullException("the server is stopping: no job is accepted");
        }
        String requestJson = json(request);
        if (open.incrementAndGet() > maxOpen) {
            open.decrementAndGet();
            throw new QueueFullException("this server already holds " + maxOpen
                    + " queued or running jobs; wait for one to end or cancel one");
        }
        JobRecord job;
        try {
            job = jobs.insert(kind, instance, requestJson, clock.instant());
        } catch (RuntimeException e) {
            open.decrementAndGet();
            throw e;
        }
        announce(job.id(), JobRepository.QUEUED, null, 0, 0);
        try {
            workers.execute(() -> run(job, work, link));
        } catch (RejectedExecutionException e) {
            open.decrementAndGet();
            end(job.id(), JobRepository.ABANDONED, null, null, error(STOPPED, null, null, List.of()));
        }
        return job;
    }

    private <T> void run(JobRecord job, Work<T> work, Link<? super T> link) {
        try {
            if (stopping) {
                end(job.id(), JobRepository.ABANDONED, null, null, error(STOPPED, null, null, List.of()));
                return;
            }
            if (!jobs.start(job.id(), clock.instant())) {
                return; // cancelled (or abandoned by a sweep) while it waited: it has ended already
            }
            announce(job.id(), JobRepository.RUNNING, null, 0, 0);
            T answer = work.run(new JobProgress(job.id()));
            end(job.id(), JobRepository.SUCCEEDED, json(answer), link.of(answer), null);
        } catch (JobStoppedException e) {
            end(job.id(), e.state(), null, null, error(e.getMessage(), null, null, List.of()));
        } catch (Exception e) {
            String error;
            if (e instanceof UserError u) {
                // as the synchronous request would have been answered: what was wrong, and what is accepted
                List<String> accepted = e instanceof BadInputException b ? b.accepted() : List.of();
                error = error(e.getMessage(), u.parameter(), u.value(), accepted);
            } else {
                LOG.warn("job {} ({}) failed", job.id(), job.kind(), e);
                error = error(firstLine(e), null, null, List.of());
            }
            end(job.id(), JobRepository.FAILED, null, null, error);
        } finally {
            open.decrementAndGet();
        }
    }

    private void end(long id, String state, String result, String link, String error) {
        try {
            if (jobs.finish(id, state, result, link, error, clock.instant())) {
                announce(id, state, null, 0, 0);
            }
        } catch (RuntimeException e) {
            LOG.warn("job {} could not be closed as {}; the sweep will close it", id, state, e);
        }
    }

    /** {@code {error, parameter, value, accepted}}, the API's error body ({@link ErrorBody}), as JSON text. */
    private static String error(String message, String parameter, String value, List<String> accepted) {
        return json(ErrorBody.of(message, parameter, value, accepted));
    }

    /** {@code o} as the API renders it ({@link Json#API}). */
    private static String json(Object o) {
        try {
            return Json.API.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new io.dgas.DgasException("cannot render " + o.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void announce(long id, String state, String phase, long done, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", id);
        m.put("state", state);
        m.put("phase", phase);
        m.put("done", done);
        m.put("total", total);
        try {
            events.publish(List.of(new EventPublisher.Event(EVENT, m)));
        } catch (RuntimeException e) {
            LOG.debug("job {} event not published", id, e);
        }
    }

    /**
     * The job with {@code id}, its answer included.
     *
     * @throws NotFoundException when there is none
     */
    public JobRecord get(long id) {
        return jobs.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("id", Long.toString(id), "no job " + id);
    }

    /** Jobs newest first, without their answers; {@code kind} and {@code state} filter when not null. */
    public io.dgas.app.service.Page<JobRecord> list(String kind, String state, int limit, int offset) {
        return io.dgas.app.service.Page.of(jobs.list(kind, state, limit + 1, offset), limit, offset);
    }

    /**
     * Asks job {@code id} to stop (a queued one ends at once, a running one at its next progress); a job that has
     * ended is returned as it is.
     *
     * @throws NotFoundException when there is none
     */
    public JobRecord cancel(long id) {
        JobRecord j = jobs.cancel(id, clock.instant()).orElseThrow(() -> notFound(id));
        if (j.state().equals(JobRepository.CANCELLED) && j.finishedAt() != null && j.startedAt() == null) {
            announce(id, JobRepository.CANCELLED, null, 0, 0);
        }
        return j;
    }

    /**
     * Refreshes this process's open jobs and closes as {@code abandoned} those of any process not heard of for
     * {@link #ORPHAN_AFTER}; returns the ids closed.
     */
    public List<Long> sweep() {
        java.time.Instant now = clock.instant();
        jobs.heartbeat(instance, now);
        List<Long> closed = jobs.abandonOrphans(now.minus(ORPHAN_AFTER), now);
        closed.forEach(id -> announce(id, JobRepository.ABANDONED, null, 0, 0));
        return closed;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.debug("job sweep failed; next in {}", HEARTBEAT, e);
        }
    }

    /**
     * Stops this process's jobs: a running one ends {@code abandoned} at its next progress, a queued one never
     * starts; waits up to 10 s for them.
     */
    @Override
    public void close() {
        stopping = true;
        sweeper.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("jobs still running after 10 s; the next start's sweep closes them as abandoned");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job's progress: recorded and announced at most every {@link #PROGRESS_EVERY}, and at each phase. */
    private final class JobProgress implements Progress {
        private final long id;
        private String phase;
        private long total;
        private long lastWrite = Long.MIN_VALUE;

        JobProgress(long id) {
            this.id = id;
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

        private void write(long done, boolean always) {
            if (stopping) {
                throw new JobStoppedException(id, JobRepository.ABANDONED, STOPPED);
            }
            long now = clock.millis();
            if (!always && lastWrite != Long.MIN_VALUE && now - lastWrite < PROGRESS_EVERY.toMillis()) {
                return;
            }
            lastWrite = now;
            if (!jobs.progress(id, phase, done, total, clock.instant())) {
                throw new JobStoppedException(
                        id, JobRepository.CANCELLED, "cancelled before it ended; nothing was stored");
            }
            announce(id, JobRepository.RUNNING, phase, done, total);
        }
    }
}
