package io.dgas.app.jobs;

import io.dgas.DgasException;

/**
 * Thrown from a job's {@link Progress} when the job must stop: it was cancelled, or its server is stopping. The job
 * ends {@code cancelled} or {@code abandoned} and nothing it has not stored yet is stored.
 */
public final class JobStoppedException extends DgasException {
    private static final long serialVersionUID = 1L;
    private final String state;

    JobStoppedException(long job, String state, String why) {
        super("job " + job + " " + why);
        this.state = state;
    }

    /** The state the job ends in. */
    String state() {
        return state;
    }
}
