package io.dgas.store.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job's life in the {@code jobs} table: states only move forward, cancels, progress and the orphan sweep. */
class JobRepositoryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

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

    @Test
    void lifecycle_startProgressFinish_keepsTheAnswerTextAsWritten() {
        JobRecord j = jobs.insert("backtest", "a:1", "{\"symbols\":[\"AAA\"],\"capital\":100000.00}", T0);
        assertThat(j.state()).isEqualTo(JobRepository.QUEUED);
        assertThat(j.ended()).isFalse();

        assertThat(jobs.start(j.id(), T0.plusSeconds(1))).isTrue();
        assertThat(jobs.start(j.id(), T0.plusSeconds(1))).as("started once").isFalse();
        assertThat(jobs.progress(j.id(), "analysing", 3, 10, T0.plusSeconds(2))).isTrue();
        JobRecord running = jobs.find(j.id()).orElseThrow();
        assertThat(running.phase()).isEqualTo("analysing");
        assertThat(running.done()).isEqualTo(3);
        assertThat(running.total()).isEqualTo(10);
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));

        String answer = "{\"b\":1,\"a\":100000.00,\"x\":1.0E-4}";
        assertThat(jobs.finish(j.id(), JobRepository.SUCCEEDED, answer, "backtest.html?id=7", null, T0.plusSeconds(3)))
                .isTrue();
        JobRecord done = jobs.find(j.id()).orElseThrow();
        assertThat(done.ended()).isTrue();
        assertThat(done.result()).as("json keeps key order and digits").isEqualTo(answer);
        assertThat(done.link()).isEqualTo("backtest.html?id=7");
        assertThat(done.request()).isEqualTo("{\"symbols\":[\"AAA\"],\"capital\":100000.00}");
        assertThat(jobs.finish(j.id(), JobRepository.FAILED, null, null, "{}", T0.plusSeconds(4)))
                .as("an ended job stays as it ended")
                .isFalse();
    }

    @Test
    void cancel_queuedJob_endsAtOnceAndNeverStarts() {
        JobRecord j = jobs.insert("evaluation", "a:1", "{}", T0);

        JobRecord cancelled = jobs.cancel(j.id(), T0.plusSeconds(1)).orElseThrow();

        assertThat(cancelled.state()).isEqualTo(JobRepository.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(cancelled.error()).contains("cancelled before it started");
        assertThat(jobs.start(j.id(), T0.plusSeconds(2))).isFalse();
    }

    @Test
    void cancel_runningJob_flagsItAndItsNextProgressSaysStop() {
        JobRecord j = jobs.insert("backtest", "a:1", "{}", T0);
        jobs.start(j.id(), T0);

        JobRecord flagged = jobs.cancel(j.id(), T0.plusSeconds(1)).orElseThrow();

        assertThat(flagged.state()).isEqualTo(JobRepository.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(jobs.progress(j.id(), "analysing", 1, 2, T0.plusSeconds(2))).isFalse();
        assertThat(jobs.finish(j.id(), JobRepository.CANCELLED, null, null, null, T0.plusSeconds(2)))
                .isTrue();
        assertThat(jobs.cancel(j.id(), T0.plusSeconds(3)).orElseThrow().cancelRequested())
                .as("an ended job is not flagged")
                .isFalse();
        assertThat(jobs.cancel(999_999, T0)).isEmpty();
    }

    @Test
    void abandonOrphans_openJobsNotRefreshed_closedWithAnErrorNamingTheirProcess() {
        JobRecord stale = jobs.insert("backtest", "dead:1", "{}", T0);
        jobs.start(stale.id(), T0);
        JobRecord alive = jobs.insert("backtest", "alive:2", "{}", T0);
        JobRecord ended = jobs.insert("backtest", "dead:1", "{}", T0);
        jobs.finish(ended.id(), JobRepository.SUCCEEDED, "{}", null, null, T0);
        assertThat(jobs.heartbeat("alive:2", T0.plusSeconds(50))).isEqualTo(1);

        Instant now = T0.plusSeconds(70);
        assertThat(jobs.abandonOrphans(now.minusSeconds(60), now)).containsExactly(stale.id());

        JobRecord closed = jobs.find(stale.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(JobRepository.ABANDONED);
        assertThat(closed.finishedAt()).isEqualTo(now);
        assertThat(closed.error()).contains("dead:1");
        assertThat(jobs.find(alive.id()).orElseThrow().state()).isEqualTo(JobRepository.QUEUED);
        assertThat(jobs.progress(stale.id(), "x", 1, 1, now))
                .as("an abandoned job is told to stop")
                .isFalse();
    }

    @Test
    void list_filtersByKindAndStateNewestFirst_withoutAnswers() {
        JobRecord a = jobs.insert("backtest", "a:1", "{}", T0);
        JobRecord b = jobs.insert("evaluation", "a:1", "{}", T0);
        JobRecord c = jobs.insert("backtest", "a:1", "{}", T0);
        jobs.start(c.id(), T0);
        jobs.finish(c.id(), JobRepository.SUCCEEDED, "{\"big\":true}", "backtest.html?id=1", null, T0);

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
