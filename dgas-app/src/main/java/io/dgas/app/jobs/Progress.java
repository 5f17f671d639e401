package io.dgas.app.jobs;

/**
 * How long work reports how far it has got: a phase with a number of steps, then the steps done. A job's progress
 * ({@link JobService}) records it and stops the work when the job is cancelled, by throwing {@link
 * JobStoppedException} from {@link #phase}, {@link #stepsDone} or {@link #succeedingIn}; the command line shows it on a terminal. Work calls it at
 * most once per symbol or per batch, never per bar.
 */
public interface Progress {
    /** Reports nothing and never stops the work: a request answered synchronously. */
    Progress NONE = new Progress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void stepsDone(long steps) {}
    };

    /**
     * Starts phase {@code name} of {@code total} steps (0 when not known).
     *
     * @throws JobStoppedException when the work should stop
     */
    void phase(String name, long total);

    /**
     * {@code steps} of the current phase are done.
     *
     * @throws JobStoppedException when the work should stop
     */
    void stepsDone(long steps);

    /**
     * The work's results are written in {@code session}'s open transaction, and {@code answer} is what the work
     * returns: a job ends succeeded with it in that transaction, so that its results and its end commit together (a
     * job whose server dies after storing is never run and stored again; one cancelled or lost meanwhile stores
     * nothing). Work that stores calls it last in its storing transaction; synchronous work ends nothing.
     *
     * @throws JobStoppedException when the job was cancelled or is no longer this claim's: the caller rolls back
     */
    default void succeedingIn(io.dgas.store.SqlSession session, Object answer) {}
}
