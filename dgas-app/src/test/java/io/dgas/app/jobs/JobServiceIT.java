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
 * announced, cancels (queued and running), errors as the API's error body, the server stopping, the orphan sweep and
 * the bound on open jobs.
 */
class JobServiceIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Database db;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Recorded events = new Recorded();
    private JobService jobs;

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
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void start() {
        jobs = new JobService(new JobRepository(db), clock, "test:1", events, 1, 3);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private JobRecord await(long id, String state) throws InterruptedException {
        Await.until(() -> jobs.get(id).state().equals(state), "job " + id + " to be " + state);
        return jobs.get(id);
    }

    @Test
    void submit_workThatAnswers_succeedsWithTheAnswerAsTheApiRendersItAndItsProgress() throws Exception {
        JobRecord queued = jobs.submit("backtest", Map.of("symbols", List.of("AAA")), p -> {
            p.phase("analysing", 4);
            p.stepsDone(4);
            return Map.of("total_return", 0.1, "max_drawdown_bars", 3);
        });

        assertThat(queued.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(queued.request()).isEqualTo("{\"symbols\":[\"AAA\"]}");
        JobRecord done = await(queued.id(), JobRepository.SUCCEEDED);
        assertThat(io.dgas.app.Json.MAPPER.readTree(done.result()))
                .isEqualTo(io.dgas.app.Json.MAPPER.readTree("{\"total_return\":0.1,\"max_drawdown_bars\":3}"));
        assertThat(done.phase()).isEqualTo("analysing");
        assertThat(done.total()).isEqualTo(4);
        assertThat(done.startedAt()).isEqualTo(clock.instant());
        assertThat(JobBody.percent(done)).isEqualTo(100.0);
        assertThat(events.states(done.id())).containsExactly("queued", "running", "running", "succeeded");
    }

    @Test
    void cancel_runningJob_stopsAtItsNextProgressAndQueuedJobBehindItNeverRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] ranToTheEnd = {false};
        boolean[] secondRan = {false};
        JobRecord running = jobs.submit("backtest", Map.of(), p -> {
            p.phase("analysing", 10);
            started.countDown();
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            clock.advance(Duration.ofSeconds(1)); // past the progress throttle: this step is recorded
            p.stepsDone(5);
            ranToTheEnd[0] = true;
            return Map.of();
        });
        JobRecord behind = jobs.submit("evaluation", Map.of(), p -> {
            secondRan[0] = true;
            return Map.of();
        });
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        JobRecord flagged = jobs.cancel(running.id());
        JobRecord dropped = jobs.cancel(behind.id());
        release.countDown();

        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(dropped.state()).isEqualTo(JobRepository.CANCELLED);
        JobRecord cancelled = await(running.id(), JobRepository.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled before it ended; nothing was stored");
        assertThat(ranToTheEnd[0]).isFalse();
        // the worker has moved on past the dropped job: a third job runs, the dropped one never did
        JobRecord third = jobs.submit("evaluation", Map.of(), p -> Map.of("ok", true));
        await(third.id(), JobRepository.SUCCEEDED);
        assertThat(secondRan[0]).isFalse();
        assertThat(jobs.get(behind.id()).startedAt()).isNull();
    }

    @Test
    void run_badInputOrFailure_failedWithTheApisErrorBody() throws Exception {
        JobRecord bad = jobs.submit("backtest", Map.of(), p -> {
            throw new BadInputException("trading", "1d", "no 1d bars of AAA", List.of("1h"));
        });
        JobRecord broken = jobs.submit("backtest", Map.of(), p -> {
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
    void submit_pastTheBoundOnOpenJobs_refusedAndNothingStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            jobs.submit("backtest", Map.of(), p -> release.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        int stored = jobs.list(null, null, 100, 0).items().size();

        assertThatThrownBy(() -> jobs.submit("backtest", Map.of(), p -> Map.of()))
                .isInstanceOf(JobService.QueueFullException.class)
                .hasMessageContaining("3 queued or running jobs");
        assertThat(jobs.list(null, null, 100, 0).items()).hasSize(stored);
        release.countDown();
    }

    @Test
    void close_runningJob_abandonedAtItsNextProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord running = jobs.submit("backtest", Map.of(), p -> {
            p.phase("analysing", 2);
            started.countDown();
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            p.stepsDone(1);
            return Map.of();
        });
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(jobs::close);
        stopper.start();
        Await.until(() -> stopper.getState() == Thread.State.TIMED_WAITING, "close to wait for the worker");
        release.countDown();
        stopper.join(WAIT.toMillis());

        JobRecord abandoned = jobs.get(running.id());
        assertThat(abandoned.state()).isEqualTo(JobRepository.ABANDONED);
        assertThat(abandoned.error()).contains("stopped with its server");
        assertThatThrownBy(() -> jobs.submit("backtest", Map.of(), p -> Map.of()))
                .hasMessageContaining("stopping");
    }

    @Test
    void sweep_anotherProcessSilentForAMinute_itsOpenJobsAbandoned_oursKept() throws Exception {
        JobRepository repo = new JobRepository(db);
        JobRecord orphan = repo.insert("backtest", "dead:9", "{}", clock.instant());
        repo.start(orphan.id(), clock.instant());
        CountDownLatch release = new CountDownLatch(1);
        JobRecord ours = jobs.submit("backtest", Map.of(), p -> release.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        await(ours.id(), JobRepository.RUNNING);

        clock.advance(JobService.ORPHAN_AFTER.plusSeconds(1));
        List<Long> closed = jobs.sweep();
        release.countDown();

        assertThat(closed).containsExactly(orphan.id());
        assertThat(jobs.get(orphan.id()).error()).contains("dead:9");
        await(ours.id(), JobRepository.SUCCEEDED);
        assertThat(events.states(orphan.id())).containsExactly("abandoned");
    }

    @Test
    void getOrCancel_unknownJob_notFoundNamingTheId() {
        assertThatThrownBy(() -> jobs.get(424242))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no job 424242");
        assertThatThrownBy(() -> jobs.cancel(424242)).isInstanceOf(NotFoundException.class);
    }
}
