package io.dgas.app.jobs;

/**
 * A kind of background job that every server can run: its name, the type its stored request reads back as (the
 * request is kept as JSON, {@link io.dgas.app.Json#API}, so that a server other than the one that accepted the job,
 * or the same one started again, can run it), the work, and where what the work made is seen.
 *
 * @param name the kind's name ({@link JobKinds})
 * @param requestType the request's type, read back from the stored JSON
 * @param work runs the request, reporting progress; returns the answer of the same request run synchronously
 * @param link where the answer's result is seen (a dashboard page), or null
 * @param <R> the request
 * @param <T> the answer
 */
public record JobKind<R, T>(String name, Class<R> requestType, Work<R, T> work, Link<? super T> link) {

    /** The work of a job. */
    @FunctionalInterface
    public interface Work<R, T> {
        T run(R request, Progress progress) throws Exception;
    }

    /** Where what a job's answer made is seen (a dashboard page), or null. */
    @FunctionalInterface
    public interface Link<T> {
        String of(T answer);
    }

    /** A kind whose answer is all there is to see. */
    public static <R, T> JobKind<R, T> of(String name, Class<R> requestType, Work<R, T> work) {
        return new JobKind<>(name, requestType, work, answer -> null);
    }
}
