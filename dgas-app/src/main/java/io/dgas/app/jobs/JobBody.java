package io.dgas.app.jobs;

import com.fasterxml.jackson.databind.util.RawValue;
import io.dgas.store.jobs.JobRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job as the API and {@code --json} write it: snake_case, its request, answer and error as JSON objects. */
public final class JobBody {
    /** What {@link #of} writes, for the API's document. */
    public static final String SHAPE = "{id, kind, state (queued, running, succeeded, failed, cancelled, abandoned),"
            + " instance (the server that accepted it, then the one that claimed it last), attempts (claims: a job"
            + " goes back to the queue when its server stops or dies, at most 3), request, phase, done, total, percent (null while not known), cancel_requested, created_at,"
            + " started_at, finished_at, updated_at, url, link (the dashboard page of what it made, once succeeded), result (the answer of the same request run synchronously,"
            + " once succeeded; not in lists), error: {error, parameter, value, accepted} (once failed, cancelled or"
            + " abandoned)}";

    private JobBody() {}

    public static Map<String, Object> of(JobRecord j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("kind", j.kind());
        m.put("state", j.state());
        m.put("instance", j.instance());
        m.put("attempts", j.attempts());
        m.put("request", tree(j.request()));
        m.put("phase", j.phase());
        m.put("done", j.done());
        m.put("total", j.total());
        m.put("percent", percent(j));
        m.put("cancel_requested", j.cancelRequested());
        m.put("created_at", j.createdAt());
        m.put("started_at", j.startedAt());
        m.put("finished_at", j.finishedAt());
        m.put("updated_at", j.updatedAt());
        m.put("url", "/api/v1/jobs/" + j.id());
        m.put("link", j.link());
        m.put("result", tree(j.result()));
        m.put("error", tree(j.error()));
        return m;
    }

    /** Percent of the current phase done, 100 once succeeded, null while the phase's size is not known. */
    static Double percent(JobRecord j) {
        if (j.state().equals(io.dgas.store.jobs.JobRepository.SUCCEEDED)) {
            return 100.0;
        }
        return j.total() <= 0 ? null : Math.min(100.0, 100.0 * j.done() / j.total());
    }

    /** The stored JSON text as it is, written into the body without parsing. */
    private static RawValue tree(String json) {
        return json == null ? null : new RawValue(json);
    }
}
