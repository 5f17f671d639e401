package io.dgas.store.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job's life in the {@code jobs} table: claims from one queue, states moving forward (back to queued only when its
 * server stops or dies), cancels, progress, the orphan sweep and the bound on open jobs.
 */
class JobRepositoryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<String> KINDS = List.of("backtest", "evaluation");

    private static Database db;
    private static JobRepository jobs;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        jobs = new JobRepository(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.update("test.empty", "DELETE FROM jobs", ps -> {});
    }

    private static JobRecord insert(String kind, String instance, String request) {
        return jobs.insert(kind, instance, request, 100, T0).orElseThrow();
    }

    /** Claims the oldest queued job for {@code instance}, which must exist. */
    private static JobRecord claim(String instance, Instant now) {
        return jobs.claim(instance, KINDS, now).orElseThrow();
    }

    @Test
    void lifecycle_claimProgressFinish_keepsTheAnswerTextAsWritten() {
        JobRecord j = insert("backtest", "a:1", "{\"symbols\":[\"AAA\"],\"capital\":100000.00}");
        assertThat(j.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(j.ended()).isFalse();
        assertThat(j.attempts()).isZero();

        JobRecord claimed = claim("b:2", T0.plusSeconds(1));
        assertThat(claimed.id()).isEqualTo(j.id());
        assertThat(claimed.instance()).as("the server running it").isEqualTo("b:2");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(jobs.claim("c:3", KINDS, T0.plusSeconds(1)))
                .as("claimed once")
                .isEmpty();
        assertThat(jobs.progress(j.id(), 1, "analysing", 3, 10, T0.plusSeconds(2)))
                .isTrue();
        JobRecord running = jobs.find(j.id()).orElseThrow();
        assertThat(running.phase()).isEqualTo("analysing");
        assertThat(running.done()).isEqualTo(3);
        assertThat(running.total()).isEqualTo(10);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));

        String answer = "{\"b\":1,\"a\":100000.00,\"x\":1.0E-4}";
        assertThat(jobs.finish(
                        j.id(), 1, JobRepository.SUCCEEDED, answer, "backtest.html?id=7", null, T0.plusSeconds(3)))
                .isTrue();
        JobRecord done = jobs.find(j.id()).orElseThrow();
        assertThat(done.ended()).isTrue();
        assertThat(done.result()).as("json keeps key order and digits").isEqualTo(answer);
        assertThat(done.link()).isEqualTo("backtest.html?id=7");
        assertThat(done.done())
                .as("its last phase all done, whatever the throttled progress recorded last")
                .isEqualTo(10);
        assertThat(done.request()).isEqualTo("{\"symbols\":[\"AAA\"],\"capital\":100000.00}");
        assertThat(jobs.finish(j.id(), 1, JobRepository.FAILED, null, null, "{}", T0.plusSeconds(4)))
                .as("an ended job stays as it ended")
                .isFalse();
    }

    @Test
    void cancel_queuedJob_endsAtOnceAndNeverStarts() {
        JobRecord j = insert("evaluation", "a:1", "{}");

        JobRecord cancelled = jobs.cancel(j.id(), T0.plusSeconds(1)).orElseThrow();

        assertThat(cancelled.state()).isEqualTo(JobRepository.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(cancelled.error()).contains("cancelled before it started");
        assertThat(jobs.claim("a:1", KINDS, T0.plusSeconds(2))).isEmpty();
    }

    @Test
    void finish_failedMidPhase_keepsTheStepsItHadDone() {
        JobRecord j = insert("backtest", "a:1", "{}");
        claim("b:2", T0.plusSeconds(1));
        jobs.progress(j.id(), 1, "replaying", 4, 10, T0.plusSeconds(2));

        jobs.finish(j.id(), 1, JobRepository.FAILED, null, null, "{\"error\":\"x\"}", T0.plusSeconds(3));

        JobRecord failed = jobs.find(j.id()).orElseThrow();
        assertThat(failed.phase()).isEqualTo("replaying");
        assertThat(failed.done()).isEqualTo(4);
    }

    @Test
    void cancel_runningJob_flagsItAndItsNextProgressSaysStop() {
        JobRecord j = insert("backtest", "a:1", "{}");
        claim("a:1", T0);

        JobRecord flagged = jobs.cancel(j.id(), T0.plusSeconds(1)).orElseThrow();

        assertThat(flagged.state()).isEqualTo(JobRepository.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(jobs.progress(j.id(), 1, "analysing", 1, 2, T0.plusSeconds(2)))
                .isFalse();
        assertThat(jobs.finish(j.id(), 1, JobRepository.CANCELLED, null, null, null, T0.plusSeconds(2)))
                .isTrue();
        assertThat(jobs.cancel(j.id(), T0.plusSeconds(3)).orElseThrow().cancelRequested())
                .as("an ended job is not flagged")
                .isFalse();
        assertThat(jobs.cancel(999_999, T0)).isEmpty();
    }

    @Test
    void claim_oldestOfTheKindsAsked_twoServersNeverTheSameJob() {
        JobRecord unknown = insert("report", "a:1", "{}");
        JobRecord first = insert("evaluation", "a:1", "{}");
        JobRecord second = insert("backtest", "a:1", "{}");

        JobRecord one = claim("b:2", T0);
        JobRecord two = claim("c:3", T0);

        assertThat(List.of(one.id(), two.id())).containsExactly(first.id(), second.id());
        assertThat(jobs.claim("b:2", KINDS, T0))
                .as("a kind no server here runs stays queued")
                .isEmpty();
        assertThat(jobs.find(unknown.id()).orElseThrow().state()).isEqualTo(JobRepository.QUEUED);
    }

    @Test
    void release_runningJob_backInTheQueueForTheNextClaim() {
        JobRecord j = insert("backtest", "a:1", "{}");
        claim("a:1", T0);
        jobs.progress(j.id(), 1, "analysing", 3, 10, T0.plusSeconds(1));

        assertThat(jobs.release(j.id(), 1, T0.plusSeconds(2))).isTrue();
        assertThat(jobs.release(j.id(), 1, T0.plusSeconds(2)))
                .as("released once")
                .isFalse();

        JobRecord queued = jobs.find(j.id()).orElseThrow();
        assertThat(queued.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(queued.phase()).as("its progress starts again").isNull();
        assertThat(queued.done()).isZero();
        JobRecord again = claim("b:2", T0.plusSeconds(3));
        assertThat(again.id()).isEqualTo(j.id());
        assertThat(again.attempts()).isEqualTo(2);
    }

    @Test
    void requeueOrphans_runningJobsNotRefreshed_requeuedThenAbandonedAfterTheLastAttempt() {
        JobRecord stale = insert("backtest", "a:1", "{}");
        claim("dead:1", T0);
        JobRecord alive = insert("backtest", "a:1", "{}");
        claim("alive:2", T0);
        JobRecord waiting = insert("evaluation", "a:1", "{}");
        assertThat(jobs.heartbeat("alive:2", List.of(alive.id(), stale.id()), T0.plusSeconds(50)))
                .as("only its own")
                .isEqualTo(1);
        assertThat(jobs.heartbeat("alive:2", List.of(), T0.plusSeconds(50))).isZero();

        Instant now = T0.plusSeconds(70);
        List<JobRecord> requeued = jobs.requeueOrphans(now.minusSeconds(60), 2, now);

        assertThat(requeued).extracting(JobRecord::id).containsExactly(stale.id());
        assertThat(requeued.get(0).state()).isEqualTo(JobRepository.QUEUED);
        assertThat(jobs.find(alive.id()).orElseThrow().state()).isEqualTo(JobRepository.RUNNING);
        assertThat(jobs.find(waiting.id()).orElseThrow().state())
                .as("a queued job waits for any server: it is never an orphan")
                .isEqualTo(JobRepository.QUEUED);
        assertThat(jobs.progress(stale.id(), 1, "x", 1, 1, now))
                .as("the dead server's late write is told to stop")
                .isFalse();

        assertThat(claim("dead:3", now).id()).as("oldest queued first").isEqualTo(stale.id());
        assertThat(jobs.finish(stale.id(), 1, JobRepository.SUCCEEDED, "{}", null, null, now))
                .as("the first claim, come back late, writes nothing over the second's")
                .isFalse();
        assertThat(jobs.progress(stale.id(), 1, "x", 1, 1, now)).isFalse();
        assertThat(jobs.release(stale.id(), 1, now)).isFalse();
        assertThat(jobs.progress(stale.id(), 2, "x", 1, 1, now))
                .as("the second claim goes on")
                .isTrue();
        Instant later = now.plusSeconds(70);
        List<JobRecord> closed = jobs.requeueOrphans(later.minusSeconds(60), 2, later);

        assertThat(closed).extracting(JobRecord::id).contains(stale.id());
        JobRecord abandoned = jobs.find(stale.id()).orElseThrow();
        assertThat(abandoned.state()).isEqualTo(JobRepository.ABANDONED);
        assertThat(abandoned.finishedAt()).isEqualTo(later);
        assertThat(abandoned.error()).contains("dead:3").contains("2 times");
    }

    @Test
    void insert_databaseHoldsTheBoundOfOpenJobs_refused() {
        insert("backtest", "a:1", "{}");
        claim("a:1", T0);
        insert("backtest", "b:2", "{}");

        assertThat(jobs.insert("backtest", "c:3", "{}", 2, T0)).isEmpty();
        assertThat(jobs.list(null, null, 10, 0)).hasSize(2);
        assertThat(jobs.insert("backtest", "c:3", "{}", 3, T0)).isPresent();
    }

    @Test
    void list_filtersByKindAndStateNewestFirst_withoutAnswers() {
        JobRecord a = insert("backtest", "a:1", "{}");
        JobRecord b = insert("evaluation", "a:1", "{}");
        JobRecord c = insert("backtest", "a:1", "{}");
        jobs.claim("a:1", List.of("backtest"), T0); // a, then c
        jobs.claim("a:1", List.of("backtest"), T0);
        jobs.finish(c.id(), 1, JobRepository.SUCCEEDED, "{\"big\":true}", "backtest.html?id=1", null, T0);
        jobs.release(a.id(), 1, T0);

        assertThat(jobs.list(null, null, 10, 0)).extracting(JobRecord::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(jobs.list("backtest", null, 10, 0)).extracting(JobRecord::id).containsExactly(c.id(), a.id());
        assertThat(jobs.list(null, "queued", 10, 0)).extracting(JobRecord::id).containsExactly(b.id(), a.id());
        assertThat(jobs.list(null, null, 1, 1)).extracting(JobRecord::id).containsExactly(b.id());
        assertThat(jobs.list(null, null, 10, 0).get(0).result()).isNull();
        assertThat(jobs.list(null, null, 10, 0).get(0).link())
                .as("lists keep the link")
                .isEqualTo("backtest.html?id=1");
    }
}
