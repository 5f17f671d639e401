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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs: work too long for one request (a backtest or a signal evaluation over a large universe) is
 * accepted at once ({@link #submit}: the request is checked by the caller first, so bad input still fails then; or
 * {@link #retry}, an ended job's request again) and queued in the {@code jobs} table (V108, V110), one queue for every server on the database. Each server that
 * {@link #start}s runs {@code workers} of them at a time, claiming the oldest queued job of a {@link JobKind} it knows
 * (the request is stored as JSON and read back as the kind's request type, so any server can run any job). The table
 * holds state, progress and answer, so any server can say how a job goes, and a {@code job} event ({@code
 * /api/v1/events}) announces each change of state and of phase and the progress at most every {@link
 * #PROGRESS_EVERY}.
 *
 * <p>Design notes: cancelling is cooperative. {@link #cancel} ends a queued job at once and flags a running one; the
 * work sees the flag at its next {@link Progress} call (once per symbol or batch), which throws {@link
 * JobStoppedException}: what it had not stored is not stored (a backtest stores in one transaction at its end). A job
 * outlives its server: {@link #close} puts its running jobs back in the queue at their next progress (a rolling
 * restart loses none), and a server that died is noticed by the others' {@link #sweep}, which puts its running jobs
 * back in the queue once it has been silent for {@link #ORPHAN_AFTER}. Jobs are claimed at most {@link #MAX_ATTEMPTS}
 * times; one that took its server down that often is closed as {@code abandoned}. Work that stores ends its job in
 * its storing transaction ({@link Progress#succeedingIn}), so a job run again from its start stores once. A server's
 * idle workers look at the queue when a job is submitted to it, when it {@link #heard} of one queued on another, and
 * every poll (a notification lost while a server's listener reconnected is found then).
 */
public final class JobService implements AutoCloseable {
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration ORPHAN_AFTER = Duration.ofSeconds(60);
    public static final Duration PROGRESS_EVERY = Duration.ofMillis(500);
    /** Claims of a job at most: a job whose server stopped or died this often is closed as abandoned. */
    public static final int MAX_ATTEMPTS = 3;
    /** The event announcing a job's change. */
    public static final String EVENT = "job";

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    /** A job refused because the database holds as many open jobs as it may, or this server is stopping. */
    public static final class QueueFullException extends io.dgas.DgasException {
        private static final long serialVersionUID = 1L;

        QueueFullException(String message) {
            super(message);
        }
    }

    private final JobRepository jobs;
    private final Clock clock;
    private final String instance;
    private final EventPublisher events;
    private final int workerCount;
    private final int maxOpen;
    private final Duration poll;
    private final Map<String, JobKind<?, ?>> kinds = new ConcurrentHashMap<>();
    /** The jobs this server's workers run now: the sweep refreshes these alone. */
    private final java.util.Set<Long> running = ConcurrentHashMap.newKeySet();
    /** A permit per job submitted here or requeued by this server's sweep: an idle worker looks at the queue. */
    private final Semaphore wake = new Semaphore(0);

    private ExecutorService workers;
    private ScheduledExecutorService sweeper;
    private volatile boolean stopping;

    /**
     * A service that queues jobs and runs none until {@link #start}ed ({@code dgas serve} starts it; a command that
     * only lists, cancels or queues jobs does not).
     *
     * @param workers jobs run at once by this server
     * @param maxOpen jobs queued or running on the database at most; more are refused
     * @param poll how often an idle worker looks at the queue when it hears of no job queued ({@code jobs.poll})
     */
    public JobService(
            JobRepository jobs,
            Clock clock,
            String instance,
            EventPublisher events,
            int workers,
            int maxOpen,
            Duration poll) {
        this.jobs = jobs;
        this.clock = clock;
        this.instance = instance;
        this.events = events;
        this.workerCount = workers;
        this.maxOpen = maxOpen;
        this.poll = poll;
    }

    /** Adds a kind of job this server accepts and runs; returns this service. */
    public JobService register(JobKind<?, ?> kind) {
        kinds.put(kind.name(), kind);
        return this;
    }

    /**
     * Starts this server's workers, which claim queued jobs of the registered kinds (of any server), and its sweep
     * (every {@link #HEARTBEAT}: its running jobs refreshed, the running jobs of servers silent for {@link
     * #ORPHAN_AFTER} back in the queue). Does nothing when started already or stopping.
     */
    public synchronized JobService start() {
        if (workers != null || stopping) {
            return this;
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(workerCount, r -> daemon(r, "dgas-job-" + n.incrementAndGet()));
        for (int i = 0; i < workerCount; i++) {
            workers.execute(this::work);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dgas-job-sweep"));
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Queues a job of {@code kind} (registered) for {@code request}, stored as its JSON; returns the job as stored,
     * queued. A started server runs it: this one once {@link #start}ed, or any other on the database.
     *
     * @throws QueueFullException when the database already holds {@code maxOpen} open jobs, or this server is stopping
     */
    public JobRecord submit(String kind, Object request) {
        if (!kinds.containsKey(kind)) {
            throw new IllegalArgumentException("no job kind " + kind + " here; registered: " + kinds.keySet());
        }
        return queue(kind, json(request));
    }

    /**
     * Queues the request of ended job {@code id} again, as a new job (a job abandoned, failed for a cause since
     * mended, cancelled, or a backtest wanted on newer bars); returns the new job, queued.
     *
     * @throws NotFoundException when there is no such job
     * @throws BadInputException when the job has not ended, or is of a kind this server does not run
     * @throws QueueFullException as {@link #submit}
     */
    public JobRecord retry(long id) {
        JobRecord job = get(id);
        if (!job.ended()) {
            throw new BadInputException(
                    "id",
                    Long.toString(id),
                    "job " + id + " is " + job.state() + ": only an ended job runs again",
                    List.of("the id of an ended job"));
        }
        if (!kinds.containsKey(job.kind())) {
            throw new BadInputException(
                    "id",
                    Long.toString(id),
                    "job " + id + " is a " + job.kind() + " job, which this server does not run",
                    List.copyOf(kinds.keySet()));
        }
        return queue(job.kind(), job.request());
    }

    private JobRecord queue(String kind, String requestJson) {
        if (stopping) {
            throw new QueueFullException("the server is stopping: no job is accepted");
        }
        // announced in the insert's transaction: sent at its commit, before any server can claim the job and say so
        JobRecord job = jobs.insert(
                        kind,
                        instance,
                        requestJson,
                        maxOpen,
                        clock.instant(),
                        (s, j) -> events.publish(s, List.of(JobEvents.event(j.id(), JobRepository.QUEUED, null, 0, 0))))
                .orElseThrow(() -> new QueueFullException("the servers on this database already hold " + maxOpen
                        + " queued or running jobs; wait for one to end or cancel one"));
        wakeOne();
        return job;
    }

    /**
     * An event heard from the database ({@code dgas serve}'s listener hears every server's): a job queued, on any
     * server, wakes an idle worker here.
     */
    public void heard(String name, String json) {
        if (!EVENT.equals(name)) {
            return;
        }
        try {
            if (JobRepository.QUEUED.equals(
                    Json.API.readTree(json).path("state").asText())) {
                wakeOne();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debug("job event not read: {}", json, e);
        }
    }

    /** One idle worker looks at the queue (permits are kept no further than one a worker: looks are not queued). */
    private void wakeOne() {
        if (wake.availablePermits() < workerCount) {
            wake.release();
        }
    }

    /** A worker: claims and runs queued jobs until this server stops, idling up to the poll between looks. */
    private void work() {
        while (!stopping) {
            Optional<JobRecord> next = Optional.empty();
            try {
                next = jobs.claim(instance, List.copyOf(kinds.keySet()), clock.instant());
            } catch (RuntimeException e) {
                LOG.debug("job claim failed; next look in {}", poll, e);
            }
            if (next.isPresent()) {
                run(next.get());
                continue;
            }
            try {
                wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(JobRecord job) {
        running.add(job.id());
        announce(job.id(), JobRepository.RUNNING, null, 0, 0);
        try {
            run(kinds.get(job.kind()), job);
        } catch (JobStoppedException e) {
            if (e.state().equals(JobRepository.QUEUED)) {
                release(job);
            } else {
                end(job, e.state(), null, null, error(e.getMessage(), null, null, List.of()));
            }
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
            end(job, JobRepository.FAILED, null, null, error);
        } finally {
            running.remove(job.id());
        }
    }

    /** Reads the job's request back as its kind's type and runs it to its end. */
    private <R, T> void run(JobKind<R, T> kind, JobRecord job) throws Exception {
        R request = Json.API.readValue(job.request(), kind.requestType());
        JobProgress progress = new JobProgress(jobs, clock, events, () -> stopping, job, kind.link());
        T answer = kind.work().run(request, progress);
        if (!progress.ended()) {
            end(job, JobRepository.SUCCEEDED, json(answer), kind.link().of(answer), null);
        }
    }

    /** Puts {@code job} back in the queue (this server is stopping), unless its claim has lost it meanwhile. */
    private void release(JobRecord job) {
        try {
            if (jobs.release(job.id(), job.attempts(), clock.instant())) {
                announce(job.id(), JobRepository.QUEUED, null, 0, 0);
            }
        } catch (RuntimeException e) {
            LOG.warn("job {} could not be put back in the queue; another server's sweep will", job.id(), e);
        }
    }

    /** Ends {@code job}'s claim in {@code state}, unless the claim has lost the job meanwhile. */
    private void end(JobRecord job, String state, String result, String link, String error) {
        try {
            if (jobs.finish(job.id(), job.attempts(), state, result, link, error, clock.instant())) {
                announce(job.id(), state, null, 0, 0);
            }
        } catch (RuntimeException e) {
            LOG.warn("job {} could not be closed as {}; a sweep will requeue it", job.id(), state, e);
        }
    }

    /** {@code {error, parameter, value, accepted}}, the API's error body ({@link ErrorBody}), as JSON text. */
    private static String error(String message, String parameter, String value, List<String> accepted) {
        return json(ErrorBody.of(message, parameter, value, accepted));
    }

    /** {@code o} as the API renders it ({@link Json#API}). */
    static String json(Object o) {
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
        JobEvents.announce(events, id, state, phase, done, total);
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
     * Refreshes this server's running jobs and puts back in the queue those of any server not heard of for {@link
     * #ORPHAN_AFTER} (closing as abandoned those claimed {@link #MAX_ATTEMPTS} times); returns the jobs moved, as
     * they are now.
     */
    public List<JobRecord> sweep() {
        java.time.Instant now = clock.instant();
        jobs.heartbeat(instance, List.copyOf(running), now);
        List<JobRecord> moved = jobs.requeueOrphans(now.minus(ORPHAN_AFTER), MAX_ATTEMPTS, now);
        for (JobRecord j : moved) {
            announce(j.id(), j.state(), null, 0, 0);
            if (j.state().equals(JobRepository.QUEUED)) {
                wakeOne();
            }
        }
        return moved;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.debug("job sweep failed; next in {}", HEARTBEAT, e);
        }
    }

    /**
     * Stops this server's jobs: a running one goes back to the queue at its next progress (another server, or this
     * one started again, runs it anew), no worker claims another; waits up to 10 s for them.
     */
    @Override
    public void close() {
        ExecutorService w;
        synchronized (this) {
            stopping = true;
            w = workers;
        }
        if (w == null) {
            return;
        }
        sweeper.shutdownNow();
        wake.release(workerCount);
        w.shutdown();
        try {
            if (!w.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn(
                        "jobs still running after 10 s; another server requeues them once this one is silent for {}",
                        ORPHAN_AFTER);
                w.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
