package io.dgas.app.cli;

import io.dgas.app.jobs.JobBody;
import io.dgas.app.jobs.JobService;
import io.dgas.store.jobs.JobRecord;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dgas jobs list|show|cancel|retry}: the background jobs of every {@code dgas serve} on the database (backtests and
 * evaluations asked over the API), adapters over {@link JobService} as {@code /api/v1/jobs} is.
 */
@Command(
        name = "jobs",
        description = "Background jobs run by the servers on the database (backtests, evaluations).",
        subcommands = {
            JobsCommand.ListJobs.class,
            JobsCommand.Show.class,
            JobsCommand.Cancel.class,
            JobsCommand.Retry.class
        })
final class JobsCommand {
    private JobsCommand() {}

    /** One line: id, kind, state, what it is doing or did, its server. */
    private static String line(JobRecord j) {
        // a job that succeeded did every phase: its last one would read as if it were still at it
        String progress = j.phase() == null || j.state().equals(io.dgas.store.jobs.JobRepository.SUCCEEDED)
                ? ""
                : " " + j.phase() + (j.total() > 0 ? " " + j.done() + " of " + j.total() : "");
        String attempt = j.attempts() > 1 ? " (attempt " + j.attempts() + ")" : "";
        return "#" + j.id() + " " + j.kind() + " " + j.state() + attempt + progress + ", created " + j.createdAt()
                + " on " + j.instance() + (j.link() != null ? " -> " + j.link() : "");
    }

    @Command(name = "list", description = "Jobs, newest first.")
    static final class ListJobs extends BaseCommand {
        @Option(names = "--kind", description = "only this kind: backtest or evaluation")
        String kind;

        @Option(
                names = "--state",
                description = "only this state: queued, running, succeeded, failed, cancelled or abandoned")
        String state;

        @Option(names = "--limit", description = "jobs shown (${DEFAULT-VALUE})", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            OptionRanges.oneOf("--kind", kind, io.dgas.app.jobs.JobKinds.ALL);
            OptionRanges.oneOf("--state", state, io.dgas.store.jobs.JobRepository.STATES);
            OptionRanges.between("--limit", limit, 1, 500);
            List<JobRecord> jobs = context().jobs().list(kind, state, limit, 0).items();
            out().result(jobs.stream().map(JobBody::of).toList(), () -> {
                if (jobs.isEmpty()) {
                    out().line("no jobs");
                }
                jobs.forEach(j -> out().line(line(j)));
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One job with its answer or its error (the answer in full with --json).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", description = "job id")
        long id;

        @Override
        public Integer call() {
            JobRecord j = context().jobs().get(id);
            out().result(JobBody.of(j), () -> {
                out().line(line(j));
                if (j.error() != null) {
                    out().line("error: " + j.error());
                }
                if (j.result() != null) {
                    out().line("answer: " + j.result().length() + " characters (--json shows it)");
                }
            });
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel a job: a queued one ends at once, a running one at its next step, storing nothing.")
    static final class Cancel extends BaseCommand {
        @Parameters(index = "0", description = "job id")
        long id;

        @Override
        public Integer call() {
            JobRecord j = context().jobs().cancel(id);
            out().result(
                            JobBody.of(j),
                            () -> out().line(line(j)
                                    + (j.cancelRequested() && !j.ended()
                                            ? " (cancel asked: it stops at its next step)"
                                            : "")));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "retry",
            description = "Run an ended job again: its request queued anew as a new job, run by a dgas serve on the"
                    + " database.")
    static final class Retry extends BaseCommand {
        @Parameters(index = "0", description = "id of an ended job")
        long id;

        @Override
        public Integer call() {
            JobRecord j = context().jobs().retry(id);
            out().result(JobBody.of(j), () -> out().line(line(j) + " (run again from job #" + id + ")"));
            return ExitCodes.OK;
        }
    }
}
