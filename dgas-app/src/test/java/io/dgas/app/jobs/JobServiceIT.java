package io.dgas.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.app.service.BadInputException;
import io.dgas.app.service.NotFoundException;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.jobs.JobRecord;
import io.dgas.store.jobs.JobRepository;
import io.dgas.testkit.Await;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs run by {@link JobService} on a real database: the answer stored as the API renders it, progress recorded and
 * announced, cancels (queued and running), errors as the API's error body, one queue for two servers, a stopping
 * server's job run by another, a dead server's job requeued by the sweep (and abandoned after its last attempt), and
 * the bound on open jobs.
 */
class JobServiceIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The servers here hear no events: they find the others' jobs by polling. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private static Database db;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Recorded events = new Recorded();
    private JobService jobs;
    private ScriptedJobs scripted;
    /** A second server on the database, when a test starts one. */
    private JobService other;

    /** Keeps what was published, in order. */
    static final class Recorded implements EventPublisher {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(SqlSession s, List<Event> list) {
            events.addAll(list);
        }

        @Override
        public void publish(List<Event> list) {
            events.addAll(list);
        }

        List<String> states(long job) {
            return events.stream()
                    .filter(e -> Long.valueOf(job).equals(e.data().get("job_id")))
                    .map(e -> (String) e.data().get("state"))
                    .toList();
        }
    }

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        db.update("test.results", "CREATE TABLE IF NOT EXISTS job_results (run int)", ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void start() {
        db.update("test.empty", "DELETE FROM jobs", ps -> {});
        db.update("test.empty", "DELETE FROM job_results", ps -> {});
        jobs = new JobService(new JobRepository(db), clock, "test:1", events, 1, 3, POLL);
        scripted = ScriptedJobs.on(jobs);
        jobs.start();
    }

    @AfterEach
    void stop() {
        jobs.close();
        if (other != null) {
            other.close();
        }
    }

    /** A second server on the database with the scripted kind, started. */
    private JobService otherServer() {
        return otherServer(clock).start();
    }

    /** A second server on the database with the scripted kind and its own clock, not started. */
    private JobService otherServer(java.time.Clock its) {
        other = new JobService(new JobRepository(db), its, "test:2", events, 1, 3, POLL);
        ScriptedJobs.on(other);
        return other;
    }

    /** A second server whose clock runs 61 s ahead: it takes this live server's refreshes for a dead one's. */
    private JobService skewedServer() {
        return otherServer(new FakeClock(clock.instant().plus(JobService.ORPHAN_AFTER.plusSeconds(1))));
    }

    /** Running {@code job} here, it is requeued by a {@link #skewedServer}'s sweep and run there to its success. */
    private JobRecord takenOverBySkewedServer(JobRecord job) throws InterruptedException {
        JobService skewed = skewedServer();
        assertThat(skewed.sweep()).extracting(JobRecord::id).containsExactly(job.id());
        skewed.start();
        return await(job.id(), JobRepository.SUCCEEDED);
    }

    /** Waits until job {@code id} is in {@code state} and that has been announced (the event follows the write). */
    private JobRecord await(long id, String state) throws InterruptedException {
        Await.until(
                () -> jobs.get(id).state().equals(state) && events.states(id).contains(state),
                "job " + id + " to be " + state + " and announced");
        return jobs.get(id);
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void submit_workThatAnswers_succeedsWithTheAnswerAsTheApiRendersItAndItsProgress() throws Exception {
        JobRecord queued = scripted.submit((key, p) -> {
            p.phase("analysing", 4);
            p.stepsDone(4);
            return Map.of("total_return", 0.1, "max_drawdown_bars", 3);
        });

        assertThat(queued.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(queued.kind()).isEqualTo(ScriptedJobs.KIND);
        assertThat(queued.request()).as("the request as JSON").startsWith("\"script-");
        JobRecord done = await(queued.id(), JobRepository.SUCCEEDED);
        assertThat(io.dgas.app.Json.MAPPER.readTree(done.result()))
                .isEqualTo(io.dgas.app.Json.MAPPER.readTree("{\"total_return\":0.1,\"max_drawdown_bars\":3}"));
        assertThat(done.phase()).isEqualTo("analysing");
        assertThat(done.total()).isEqualTo(4);
        assertThat(done.startedAt()).isEqualTo(clock.instant());
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(JobBody.percent(done)).isEqualTo(100.0);
        assertThat(events.states(done.id())).containsExactly("queued", "running", "running", "succeeded");
    }

    @Test
    void cancel_runningJob_stopsAtItsNextProgressAndQueuedJobBehindItNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] ranToTheEnd = {false};
        boolean[] secondRan = {false};
        JobRecord running = scripted.submit((key, p) -> {
            p.phase("analysing", 10);
            started.countDown();
            await(release);
            clock.advance(Duration.ofSeconds(1)); // past the progress throttle: this step is recorded
            p.stepsDone(5);
            ranToTheEnd[0] = true;
            return Map.of();
        });
        JobRecord behind = scripted.submit((key, p) -> {
            secondRan[0] = true;
            return Map.of();
        });
        assertThat(await(started)).isTrue();

        JobRecord flagged = jobs.cancel(running.id());
        JobRecord dropped = jobs.cancel(behind.id());
        release.countDown();

        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(dropped.state()).isEqualTo(JobRepository.CANCELLED);
        JobRecord cancelled = await(running.id(), JobRepository.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled before it ended; nothing was stored");
        assertThat(ranToTheEnd[0]).isFalse();
        // the worker has moved on past the dropped job: a third job runs, the dropped one never did
        JobRecord third = scripted.submit((key, p) -> Map.of("ok", true));
        await(third.id(), JobRepository.SUCCEEDED);
        assertThat(secondRan[0]).isFalse();
        assertThat(jobs.get(behind.id()).startedAt()).isNull();
    }

    @Test
    void run_badInputOrFailure_failedWithTheApisErrorBody() throws Exception {
        JobRecord bad = scripted.submit((key, p) -> {
            throw new BadInputException("trading", "1d", "no 1d bars of AAA", List.of("1h"));
        });
        JobRecord broken = scripted.submit((key, p) -> {
            throw new IllegalStateException("disk full\n\tat somewhere");
        });

        JobRecord failed = await(bad.id(), JobRepository.FAILED);
        JobRecord crashed = await(broken.id(), JobRepository.FAILED);

        assertThat(io.dgas.app.Json.MAPPER.readTree(failed.error()))
                .isEqualTo(
                        io.dgas.app.Json.MAPPER.readTree("{\"error\":\"no 1d bars of AAA\",\"parameter\":\"trading\","
                                + "\"value\":\"1d\",\"accepted\":[\"1h\"]}"));
        assertThat(io.dgas.app.Json.MAPPER
                        .readTree(crashed.error())
                        .get("error")
                        .asText())
                .as("the first line, no stack trace")
                .isEqualTo("disk full");
    }

    @Test
    void submit_pastTheBoundOnOpenJobsOfTheDatabase_refusedAndNothingStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        scripted.hold(release);
        // another server's open job counts too: the bound is the database's
        new JobRepository(db)
                .insert(ScriptedJobs.KIND, "test:2", ScriptedJobs.request((key, p) -> Map.of()), 10, clock.instant());
        scripted.hold(release);
        int stored = jobs.list(null, null, 100, 0).items().size();

        assertThatThrownBy(() -> scripted.submit((key, p) -> Map.of()))
                .isInstanceOf(JobService.QueueFullException.class)
                .hasMessageContaining("3 queued or running jobs");
        assertThat(jobs.list(null, null, 100, 0).items()).hasSize(stored);
        assertThatThrownBy(() -> jobs.submit("report", Map.of()))
                .as("a kind this server does not run")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scripted");
        release.countDown();
    }

    @Test
    void submit_workerBusy_anIdleServerOnTheDatabaseRunsTheNextJob() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JobRecord held = scripted.hold(release);
        await(held.id(), JobRepository.RUNNING);

        JobRecord next = scripted.submit((key, p) -> Map.of("ok", true));
        otherServer();

        try {
            JobRecord done = await(next.id(), JobRepository.SUCCEEDED);
            assertThat(done.instance()).as("run by the idle server").isEqualTo("test:2");
            assertThat(jobs.get(held.id()).state()).isEqualTo(JobRepository.RUNNING);
        } finally {
            release.countDown();
        }
        assertThat(await(held.id(), JobRepository.SUCCEEDED).instance()).isEqualTo("test:1");
    }

    @Test
    void close_runningJob_backInTheQueueAtItsNextProgressAndAnotherServerRunsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord job = scripted.submit((key, p) -> {
            p.phase("analysing", 2);
            started.countDown();
            await(release);
            p.stepsDone(1);
            return Map.of("ran", true);
        });
        assertThat(await(started)).isTrue();

        Thread stopper = new Thread(jobs::close);
        stopper.start();
        Await.until(() -> stopper.getState() == Thread.State.TIMED_WAITING, "close to wait for the worker");
        release.countDown();
        stopper.join(WAIT.toMillis());

        JobRecord requeued = jobs.get(job.id());
        assertThat(requeued.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(requeued.error()).isNull();
        assertThatThrownBy(() -> scripted.submit((key, p) -> Map.of())).hasMessageContaining("stopping");

        otherServer();
        JobRecord done = await(job.id(), JobRepository.SUCCEEDED);
        assertThat(done.instance()).isEqualTo("test:2");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(events.states(job.id())).containsSubsequence("running", "queued", "running", "succeeded");
    }

    @Test
    void sweep_aServerSilentForAMinute_itsRunningJobRequeuedAndRunHere_abandonedAfterTheLastAttempt() throws Exception {
        // this server not started yet: no worker of it claims the jobs the test stores, its sweep alone runs
        jobs.close();
        jobs = new JobService(new JobRepository(db), clock, "test:1", events, 1, 3, POLL);
        scripted = ScriptedJobs.on(jobs);
        JobRepository repo = new JobRepository(db);
        List<String> kinds = List.of(ScriptedJobs.KIND);
        JobRecord spent = repo.insert(
                        ScriptedJobs.KIND, "dead:9", ScriptedJobs.request((key, p) -> Map.of()), 10, clock.instant())
                .orElseThrow();
        for (int i = 1; i < JobService.MAX_ATTEMPTS; i++) {
            repo.claim("dead:9", kinds, clock.instant());
            repo.release(spent.id(), i, clock.instant());
        }
        repo.claim("dead:9", kinds, clock.instant());
        JobRecord orphan = repo.insert(
                        ScriptedJobs.KIND,
                        "dead:9",
                        ScriptedJobs.request((key, p) -> Map.of("ok", true)),
                        10,
                        clock.instant())
                .orElseThrow();
        assertThat(repo.claim("dead:9", kinds, clock.instant()).orElseThrow().id())
                .isEqualTo(orphan.id());

        clock.advance(JobService.ORPHAN_AFTER.plusSeconds(1));
        List<JobRecord> moved = jobs.sweep();

        assertThat(moved)
                .extracting(JobRecord::id, JobRecord::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(spent.id(), JobRepository.ABANDONED),
                        org.assertj.core.groups.Tuple.tuple(orphan.id(), JobRepository.QUEUED));
        assertThat(jobs.get(spent.id()).error()).contains("dead:9").contains("3 times");
        jobs.start();
        JobRecord done = await(orphan.id(), JobRepository.SUCCEEDED);
        assertThat(done.instance()).isEqualTo("test:1");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(events.states(spent.id())).containsExactly("abandoned");
    }

    @Test
    void sweep_aLiveServerThoughtDead_itsJobRunByAnother_theLateClaimNeverWritesOverIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstLeft = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        boolean[] firstRanToTheEnd = {false};
        JobRecord job = scripted.submit((key, p) -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                try {
                    p.phase("analysing", 2);
                    started.countDown();
                    await(release);
                    clock.advance(Duration.ofSeconds(1)); // past the progress throttle: this step is recorded
                    p.stepsDone(1);
                    firstRanToTheEnd[0] = true;
                } finally {
                    firstLeft.countDown();
                }
            }
            return Map.of("run", run);
        });
        assertThat(await(started)).isTrue();

        JobRecord done = takenOverBySkewedServer(job);
        release.countDown();
        assertThat(await(firstLeft)).isTrue();

        assertThat(firstRanToTheEnd[0])
                .as("the late claim stops at its next progress")
                .isFalse();
        JobRecord after = jobs.get(job.id());
        assertThat(after.state()).isEqualTo(JobRepository.SUCCEEDED);
        assertThat(after.instance()).isEqualTo("test:2");
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.result()).isEqualTo(done.result()).contains("\"run\":2");
        assertThat(events.states(job.id())).doesNotContain("cancelled", "failed");
    }

    /** Stores run {@code run}'s result and ends its job with the answer in the same transaction, as a backtest does. */
    private static Map<String, Object> store(Progress p, int run) {
        Map<String, Object> answer = Map.of("run", run);
        return db.inTransaction(s -> {
            s.update("test.store", "INSERT INTO job_results VALUES (?)", ps -> ps.setInt(1, run));
            p.succeedingIn(s, answer);
            return answer;
        });
    }

    private static List<Integer> storedRuns() {
        return db.query("test.stored", "SELECT run FROM job_results ORDER BY run", ps -> {}, rs -> rs.getInt(1));
    }

    @Test
    void succeedingIn_serverSilentAfterItsResultsCommitted_jobEndedWithThemAndNeverRunAgain() throws Exception {
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        JobRecord job = scripted.submit((key, p) -> {
            try {
                Map<String, Object> answer = store(p, runs.incrementAndGet());
                committed.countDown();
                await(release); // its server goes silent here, between its results' commit and the work's return
                return answer;
            } finally {
                returned.countDown();
            }
        });
        assertThat(await(committed)).isTrue();

        JobRecord stored = jobs.get(job.id());
        assertThat(stored.state()).as("ended with its results' commit").isEqualTo(JobRepository.SUCCEEDED);

        JobService skewed = skewedServer();
        assertThat(skewed.sweep()).as("an ended job is no orphan").isEmpty();
        release.countDown();
        assertThat(await(returned)).isTrue();

        assertThat(skewed.sweep()).isEmpty();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(jobs.get(job.id())).isEqualTo(stored);
        assertThat(stored.result()).contains("\"run\":1");
        assertThat(storedRuns()).containsExactly(1);
        assertThat(events.states(job.id())).containsOnlyOnce(JobRepository.SUCCEEDED);
    }

    @Test
    void succeedingIn_cancelAskedBeforeTheCommit_nothingStoredAndJobCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord job = scripted.submit((key, p) -> {
            started.countDown();
            await(release);
            return store(p, 1);
        });
        assertThat(await(started)).isTrue();

        jobs.cancel(job.id());
        release.countDown();

        assertThat(await(job.id(), JobRepository.CANCELLED).error()).contains("nothing was stored");
        assertThat(storedRuns()).isEmpty();
    }

    @Test
    void succeedingIn_claimLostToAnotherServerBeforeTheCommit_onlyTheNewClaimsResultsStored() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstLeft = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        JobRecord job = scripted.submit((key, p) -> {
            int run = runs.incrementAndGet();
            if (run == 1) {
                try {
                    started.countDown();
                    await(release);
                    return store(p, run);
                } finally {
                    firstLeft.countDown();
                }
            }
            return store(p, run);
        });
        assertThat(await(started)).isTrue();
        JobRecord done = takenOverBySkewedServer(job);

        release.countDown();
        assertThat(await(firstLeft)).isTrue();

        assertThat(storedRuns()).as("the late claim's results rolled back").containsExactly(2);
        assertThat(jobs.get(job.id())).isEqualTo(done);
        assertThat(done.result()).contains("\"run\":2");
    }

    @Test
    void retry_endedJob_itsRequestQueuedAgainAsANewJob_anOpenOneRefused() throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        JobRecord failed = scripted.submit((key, p) -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("the database was down");
            }
            return Map.of("run", runs.get());
        });
        await(failed.id(), JobRepository.FAILED);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord held = scripted.hold(release);

        JobRecord again = jobs.retry(failed.id());

        assertThat(again.id()).isGreaterThan(held.id());
        assertThat(again.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(again.request()).isEqualTo(failed.request());
        assertThatThrownBy(() -> jobs.retry(held.id()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("only an ended job runs again");
        release.countDown();
        assertThat(await(again.id(), JobRepository.SUCCEEDED).result()).contains("\"run\":2");
        assertThat(jobs.get(failed.id()).state())
                .as("the ended job stays as it ended")
                .isEqualTo("failed");
        assertThatThrownBy(() -> jobs.retry(424242)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getOrCancel_unknownJob_notFoundNamingTheId() {
        assertThatThrownBy(() -> jobs.get(424242))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no job 424242");
        assertThatThrownBy(() -> jobs.cancel(424242)).isInstanceOf(NotFoundException.class);
    }
}
