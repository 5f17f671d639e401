package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgas.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Background jobs over HTTP: a backtest with {@code async} and an evaluation posted answer 202 at once with the job,
 * which ends holding the same answer as the synchronous request; bad input is still refused at once; a job that
 * fails says why as the API's error body; the list, its filters, cancel, retry and the token.
 */
class JobsApiIT {
    @RegisterExtension
    /** Polling once an hour: a job queued by another server runs here only if this one hears of it. */
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of("jobs.poll", "3600"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2024-06-03T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BACKTEST = "{\"symbols\": \"SYN0001,SYN0002\", \"from\": \"2024-01-01\","
            + " \"to\": \"2024-07-01\", \"capital\": 50000, \"min_reward_risk\": 2";

    @BeforeAll
    static void seed() {
        io.dgas.app.cycle.Seed.universe(api.ctx.database(), 2, 500, END, 11, true);
    }

    /**
     * The bound on open jobs is the database's: a test's jobs (sixteen held ones, say) all end before the next test
     * starts.
     */
    @AfterEach
    void everyJobEnded() {
        io.dgas.testkit.Await.until(
                () -> api.ctx.jobs().list(null, "queued", 1, 0).items().isEmpty()
                        && api.ctx.jobs().list(null, "running", 1, 0).items().isEmpty(),
                "every job of the test to end");
    }

    private static HttpResponse<String> post(String path, String json, String token) throws Exception {
        return api.post(path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The job at {@code url} once it has ended, polled with a deadline. */
    private static JsonNode ended(String url) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode job = api.json(url, 200);
            String state = job.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + url + " to end: " + job);
            }
            Thread.sleep(50); // polling with a deadline, not waiting a fixed time
        }
    }

    @Test
    void backtestAsync_answers202WithTheJob_whichEndsWithTheSynchronousAnswer() throws Exception {
        HttpResponse<String> sync = post("/api/v1/backtests", BACKTEST + "}", ApiClient.TOKEN);
        HttpResponse<String> async = post("/api/v1/backtests", BACKTEST + ", \"async\": true}", ApiClient.TOKEN);

        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        assertThat(async.statusCode()).as(async.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(async.body());
        assertThat(accepted.get("kind").asText()).isEqualTo("backtest");
        assertThat(accepted.get("state").asText()).isIn("queued", "running");
        assertThat(accepted.at("/request/symbols").toString()).isEqualTo("[\"SYN0001\",\"SYN0002\"]");
        assertThat(async.headers().firstValue("Location"))
                .contains(accepted.get("url").asText());

        JsonNode job = ended(accepted.get("url").asText());
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(job.get("link").asText())
                .isEqualTo("backtest.html?id=" + job.at("/result/backtest").asLong());
        assertThat(job.get("error").isNull()).isTrue();
        ObjectNode viaJob = (ObjectNode) job.get("result");
        ObjectNode viaRequest = (ObjectNode) JSON.readTree(sync.body());
        long stored = viaJob.get("backtest").asLong();
        assertThat(stored).isGreaterThan(viaRequest.get("backtest").asLong());
        for (ObjectNode n : new ObjectNode[] {viaJob, viaRequest}) {
            n.remove("backtest");
            n.remove("portfolio");
            n.remove("duration_ms");
        }
        assertThat(viaJob.at("/metrics/trades").asInt()).isPositive();
        assertThat(viaJob).isEqualTo(viaRequest);
        assertThat(api.json("/api/v1/backtests/" + stored, 200)
                        .at("/backtest/symbols")
                        .toString())
                .isEqualTo("[\"SYN0001\",\"SYN0002\"]");
    }

    @Test
    void evaluationPosted_endsWithTheAnswerOfTheGet() throws Exception {
        String query = "symbols=SYN0001,SYN0002&from=2024-05-10&to=2024-06-01&cost_bps=5&min_reward_risk=2";
        JsonNode viaGet = api.json("/api/v1/signals/evaluation?" + query, 200);

        HttpResponse<String> r = post(
                "/api/v1/signals/evaluation",
                "{\"symbols\": \"syn0001,SYN0002\", \"from\": \"2024-05-10\", \"to\": \"2024-06-01\","
                        + " \"cost_bps\": 5, \"min_reward_risk\": 2}",
                ApiClient.TOKEN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode job = ended(JSON.readTree(r.body()).get("url").asText());
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("phase").asText()).isEqualTo("replaying");
        assertThat(viaGet.at("/report/groups/0/signals").asInt()).isPositive();
        assertThat(job.get("result")).isEqualTo(viaGet);
        assertThat(api.json("/api/v1/jobs?kind=evaluation", 200).get("items").findValuesAsText("id"))
                .contains(job.get("id").asText());
    }

    @Test
    void badInput_refusedAtOnce_failingWork_aFailedJobSayingWhy() throws Exception {
        HttpResponse<String> backwards = post(
                "/api/v1/backtests",
                "{\"all\": true, \"from\": \"2024-07-01\", \"to\": \"2024-01-01\", \"async\": true}",
                ApiClient.TOKEN);
        HttpResponse<String> anonymous = post("/api/v1/signals/evaluation", "{}", null);
        HttpResponse<String> unknown = post("/api/v1/signals/evaluation", "{\"cost_bps\": -1}", ApiClient.TOKEN);
        HttpResponse<String> noBars = post(
                "/api/v1/backtests",
                "{\"symbols\": \"SYN0001\", \"from\": \"2024-01-01\", \"to\": \"2024-07-01\", \"trading\": \"1d\","
                        + " \"async\": true}",
                ApiClient.TOKEN);

        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(backwards.body()).get("parameter").asText()).isEqualTo("to");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("parameter").asText()).isEqualTo("cost_bps");
        assertThat(noBars.statusCode()).as(noBars.body()).isEqualTo(202);
        JsonNode failed = ended(JSON.readTree(noBars.body()).get("url").asText());
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/parameter").asText()).isEqualTo("trading");
        assertThat(failed.at("/error/error").asText()).startsWith("no 1d bars of SYN0001");
        assertThat(failed.get("result").isNull()).isTrue();
    }

    @Test
    void post_serverHoldsAsManyOpenJobsAsItMay_429WithRetryAfterAndNothingQueued() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            io.dgas.app.jobs.ScriptedJobs held = io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs());
            for (int i = 0; i < io.dgas.app.AppContext.MAX_OPEN_JOBS; i++) {
                held.hold(release);
            }
            int before = api.json("/api/v1/jobs?limit=500", 200).get("items").size();

            HttpResponse<String> r = post("/api/v1/backtests", BACKTEST + ", \"async\": true}", ApiClient.TOKEN);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).contains("30");
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("16 queued or running jobs");
            assertThat(api.json("/api/v1/jobs?limit=500", 200).get("items")).hasSize(before);
        } finally {
            release.countDown();
        }
    }

    @Test
    void jobsCommand_listShowCancel_theSameJobsAsTheApi() throws Exception {
        HttpResponse<String> r = post("/api/v1/backtests", BACKTEST + ", \"async\": true}", ApiClient.TOKEN);
        JsonNode job = ended(JSON.readTree(r.body()).get("url").asText());
        String id = job.get("id").asText();

        io.dgas.app.cli.CliRun list = io.dgas.app.cli.CliRun.of(
                api.home(), api.jdbcUrl(), Map.of(), "--json", "jobs", "list", "--kind", "backtest", "--limit", "500");
        io.dgas.app.cli.CliRun show =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "jobs", "show", id);
        io.dgas.app.cli.CliRun shown =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "--json", "jobs", "show", id);
        io.dgas.app.cli.CliRun cancel =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "jobs", "cancel", id);
        io.dgas.app.cli.CliRun badState =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "jobs", "list", "--state", "done");
        io.dgas.app.cli.CliRun unknown =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "jobs", "show", "999999");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(JSON.readTree(list.out()).findValuesAsText("id")).contains(id);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out())
                .startsWith("#" + id + " backtest succeeded")
                .contains("-> backtest.html?id=" + job.at("/result/backtest").asText());
        assertThat(JSON.readTree(shown.out()).get("result")).isEqualTo(job.get("result"));
        assertThat(cancel.code()).isZero();
        assertThat(cancel.out()).startsWith("#" + id + " backtest succeeded");
        assertThat(badState.code()).isEqualTo(2);
        assertThat(badState.err()).contains("--state must be one of queued, running");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no job 999999");
    }

    @Test
    void listGetAndCancel_filtersUnknownIdsAndTheToken() throws Exception {
        HttpResponse<String> r = post("/api/v1/backtests", BACKTEST + ", \"async\": true}", ApiClient.TOKEN);
        JsonNode job = ended(JSON.readTree(r.body()).get("url").asText());
        String id = job.get("id").asText();

        HttpResponse<String> noToken = api.send("POST", "/api/v1/jobs/" + id + "/cancel", null);
        HttpResponse<String> cancelEnded = api.send("POST", "/api/v1/jobs/" + id + "/cancel", ApiClient.TOKEN);

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(cancelEnded.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(cancelEnded.body()).get("state").asText())
                .as("an ended job is answered as it is")
                .isEqualTo("succeeded");
        JsonNode list = api.json("/api/v1/jobs?kind=backtest&state=succeeded&limit=1", 200);
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.at("/items/0/result").isNull())
                .as("lists leave the answers out")
                .isTrue();
        assertThat(list.get("limit").asInt()).isEqualTo(1);
        assertThat(api.json("/api/v1/jobs/999999", 404).get("parameter").asText())
                .isEqualTo("id");
        assertThat(api.json("/api/v1/jobs?state=done", 400).get("accepted").toString())
                .contains("succeeded", "abandoned");
        assertThat(api.send("POST", "/api/v1/jobs/999999/cancel", ApiClient.TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void retry_anEndedBacktestJob_runsItsRequestAgainAsANewJob_fromTheApiAndTheCommand() throws Exception {
        HttpResponse<String> r = post("/api/v1/backtests", BACKTEST + ", \"async\": true}", ApiClient.TOKEN);
        JsonNode first = ended(JSON.readTree(r.body()).get("url").asText());
        String id = first.get("id").asText();

        HttpResponse<String> noToken = api.send("POST", "/api/v1/jobs/" + id + "/retry", null);
        HttpResponse<String> retried = api.send("POST", "/api/v1/jobs/" + id + "/retry", ApiClient.TOKEN);
        io.dgas.app.cli.CliRun command =
                io.dgas.app.cli.CliRun.of(api.home(), api.jdbcUrl(), Map.of(), "jobs", "retry", id);

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        JsonNode queued = JSON.readTree(retried.body());
        assertThat(retried.headers().firstValue("Location"))
                .contains(queued.get("url").asText());
        assertThat(queued.get("id").asText()).isNotEqualTo(id);
        assertThat(queued.get("request")).isEqualTo(first.get("request"));
        JsonNode again = ended(queued.get("url").asText());
        assertThat(again.get("state").asText()).isEqualTo("succeeded");
        assertThat(again.at("/result/backtest").asLong())
                .as("a backtest of its own")
                .isNotEqualTo(first.at("/result/backtest").asLong());
        assertThat(again.at("/result/metrics"))
                .as("the same request over the same bars")
                .isEqualTo(first.at("/result/metrics"));
        assertThat(command.code()).as(command.err()).isZero();
        assertThat(command.out()).contains("backtest queued").contains("(run again from job #" + id + ")");
        String third = command.out().substring(1, command.out().indexOf(' '));
        assertThat(ended("/api/v1/jobs/" + third).get("state").asText()).isEqualTo("succeeded");
        assertThat(api.send("POST", "/api/v1/jobs/999999/retry", ApiClient.TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void retry_aJobStillOpen_400NamingTheId() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            long held = io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs())
                    .hold(release)
                    .id();

            HttpResponse<String> r = api.send("POST", "/api/v1/jobs/" + held + "/retry", ApiClient.TOKEN);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("parameter").asText()).isEqualTo("id");
            assertThat(body.get("value").asText()).isEqualTo(Long.toString(held));
            assertThat(body.get("error").asText()).contains("only an ended job runs again");
        } finally {
            release.countDown();
        }
    }

    @Test
    void queuedByAnotherServer_thisServerHearsItAndRunsIt_withoutWaitingForItsPoll() throws Exception {
        Await.until(() -> api.server.eventListener().listening(), "the listener to LISTEN");
        // a second server on the database, queuing only (as `dgas jobs retry` does): its event is all this one hears
        io.dgas.app.jobs.JobService other = new io.dgas.app.jobs.JobService(
                new io.dgas.store.jobs.JobRepository(api.ctx.database()),
                java.time.Clock.systemUTC(),
                "other:1",
                io.dgas.store.events.EventPublisher.postgres(api.ctx.database()),
                1,
                io.dgas.app.AppContext.MAX_OPEN_JOBS,
                Duration.ofHours(1));
        io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs());

        long id = io.dgas.app.jobs.ScriptedJobs.on(other)
                .submit((key, p) -> Map.of("ran", true))
                .id();

        JsonNode job = ended("/api/v1/jobs/" + id);
        assertThat(job.get("state").asText()).isEqualTo("succeeded");
        assertThat(job.get("instance").asText()).isNotEqualTo("other:1");
        assertThat(job.at("/result/ran").asBoolean()).isTrue();
    }
}
