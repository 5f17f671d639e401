package io.dgas.app.jobs;

import io.dgas.DgasException;

/**
 * Thrown from a job's {@link Progress} when the job must stop: it was cancelled (it ends {@code cancelled}), or its
 * server is stopping (it goes back to the queue); nothing it has not stored yet is stored.
 */
public final class JobStoppedException extends DgasException {
    private static final long serialVersionUID = 1L;
    private final String state;

    JobStoppedException(long job, String state, String why) {
        super("job " + job + " " + why);
        this.state = state;
    }

    /** The state the job ends in, or {@code queued}: it goes back to the queue. */
    String state() {
        return state;
    }
}
