package io.dgas.app.jobs;

import io.dgas.store.events.EventPublisher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@value JobService#EVENT} event: {@code {job_id, state, phase, done, total}}, sent at each change of a job. */
final class JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);

    private JobEvents() {}

    static EventPublisher.Event event(long id, String state, String phase, long done, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", id);
        m.put("state", state);
        m.put("phase", phase);
        m.put("done", done);
        m.put("total", total);
        return new EventPublisher.Event(JobService.EVENT, m);
    }

    /** Sends the event now; a failure is logged, never thrown (the job's row says the same). */
    static void announce(EventPublisher events, long id, String state, String phase, long done, long total) {
        try {
            events.publish(List.of(event(id, state, phase, done, total)));
        } catch (RuntimeException e) {
            LOG.debug("job {} event not published", id, e);
        }
    }
}
