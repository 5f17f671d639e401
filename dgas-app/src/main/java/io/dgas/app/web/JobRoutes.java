package io.dgas.app.web;

import io.dgas.app.jobs.JobBody;
import io.dgas.app.jobs.JobKinds;
import io.dgas.app.jobs.JobService;
import io.dgas.app.service.ErrorBody;
import io.dgas.app.service.Page;
import io.dgas.app.web.Param.Type;
import io.dgas.store.jobs.JobRecord;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Background jobs under {@code /api/v1/jobs}: the list, one job with its answer, and cancelling one. The routes that
 * start jobs (a backtest with {@code async}, an evaluation) queue them with {@link #start}.
 */
final class JobRoutes {
    /** Seconds a client should wait before posting again a job refused because the queue is full. */
    static final int RETRY_AFTER_SECONDS = 30;

    private JobRoutes() {}

    /**
     * Queues a job of {@code kind} for {@code request}: 202 Accepted with the job and its URL in {@code Location}; 429
     * with {@code Retry-After} when the database holds as many open jobs as it may (or this server is stopping).
     */
    static Map<String, Object> start(Context c, Supplier<JobService> jobs, String kind, Object request) {
        return accepted(c, () -> jobs.get().submit(kind, request));
    }

    /** 202 with the job {@code queue} queued and its URL in {@code Location}, or 429 as {@link #start} says. */
    private static Map<String, Object> accepted(Context c, Supplier<JobRecord> queue) {
        try {
            Map<String, Object> body = JobBody.of(queue.get());
            c.status(202).header("Location", (String) body.get("url"));
            return body;
        } catch (JobService.QueueFullException e) {
            c.status(429).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return ErrorBody.of(e.getMessage(), null, null, List.of("a job once one has ended"));
        }
    }

    static List<Route> routes(Supplier<JobService> jobs) {
        return List.of(
                Route.get(
                        "/api/v1/jobs",
                        "Background jobs of every server on the database (backtests and evaluations asked to run in"
                                + " the background), newest first, without their answers",
                        ApiV1.concat(
                                List.of(
                                        Param.query("kind", Type.ENUM, "only jobs of this kind")
                                                .oneOf(JobKinds.ALL),
                                        Param.query("state", Type.ENUM, "only jobs in this state")
                                                .oneOf(io.dgas.store.jobs.JobRepository.STATES)),
                                Param.paging(50, 500)),
                        "{items: [" + JobBody.SHAPE + "], limit, offset, next_offset}",
                        (c, a) -> {
                            Page<JobRecord> p =
                                    jobs.get().list(a.get("kind"), a.get("state"), a.get("limit"), a.get("offset"));
                            return new Page<>(
                                    p.items().stream().map(JobBody::of).toList(),
                                    p.limit(),
                                    p.offset(),
                                    p.nextOffset());
                        }),
                Route.get(
                        "/api/v1/jobs/{id}",
                        "One job: its state and progress, then its answer (or its error)",
                        List.of(id()),
                        JobBody.SHAPE,
                        (c, a) -> JobBody.of(jobs.get().get(PortfolioRoutes.id(a)))),
                Route.admin(
                        "POST",
                        "/api/v1/jobs/{id}/cancel",
                        "Cancel a job: a queued one ends at once, a running one at its next step (a symbol or a batch),"
                                + " storing nothing; an ended job is answered as it is",
                        List.of(id()),
                        JobBody.SHAPE,
                        (c, a) -> JobBody.of(jobs.get().cancel(PortfolioRoutes.id(a)))),
                Route.admin(
                        "POST",
                        "/api/v1/jobs/{id}/retry",
                        "Run an ended job again: its request queued anew as a new job (202 with it, 429 as a new job);"
                                + " 400 while the job is still queued or running",
                        List.of(id()),
                        JobBody.SHAPE,
                        (c, a) -> accepted(c, () -> jobs.get().retry(PortfolioRoutes.id(a)))));
    }

    private static Param id() {
        return Param.path("id", Type.INT, "job id").range(1, Integer.MAX_VALUE);
    }
}
