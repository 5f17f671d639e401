package io.dgas.app.jobs;

import io.dgas.store.jobs.JobRecord;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job kind for tests whose work is given at submit: the job's request is a key to the work, kept here, so a test
 * scripts what a job does (waits on a latch, reports progress, fails) while the job goes through the real queue, claim
 * and table. A job of it claimed by a service without this registration is not run (its kind is unknown there).
 */
public final class ScriptedJobs {
    /** The kind's name. */
    public static final String KIND = "scripted";

    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final Map<String, JobKind.Work<String, Object>> WORKS = new ConcurrentHashMap<>();

    private final JobService jobs;

    private ScriptedJobs(JobService jobs) {
        this.jobs = jobs;
    }

    /**
     * Registers the kind on {@code jobs}. An answer that is a map with a {@code backtest} id links to that backtest's
     * page, as a backtest job's does.
     */
    public static ScriptedJobs on(JobService jobs) {
        jobs.register(new JobKind<String, Object>(
                KIND,
                String.class,
                (key, progress) -> WORKS.get(key).run(key, progress),
                answer -> answer instanceof Map<?, ?> m && m.containsKey("backtest")
                        ? "backtest.html?id=" + m.get("backtest")
                        : null));
        return new ScriptedJobs(jobs);
    }

    /** Queues a job that runs {@code work}. */
    public JobRecord submit(JobKind.Work<String, Object> work) {
        return jobs.submit(KIND, key(work));
    }

    /** The request (as JSON text) of a job that runs {@code work}, for a job stored without a service. */
    public static String request(JobKind.Work<String, Object> work) {
        return '"' + key(work) + '"';
    }

    private static String key(JobKind.Work<String, Object> work) {
        String key = "script-" + KEYS.incrementAndGet();
        WORKS.put(key, work);
        return key;
    }

    /** Queues a job that waits for {@code release} (at most a minute), holding a worker meanwhile. */
    public JobRecord hold(CountDownLatch release) {
        return submit((key, progress) -> release.await(HOLD.toSeconds(), TimeUnit.SECONDS));
    }
}
