package io.dgas.app.cli;

import io.dgas.app.AppContext;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.app.schedule.Scheduling;
import io.dgas.store.runs.RunRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas scheduler start [--once]} and {@code dgas scheduler status}: adapters over {@link Scheduling}. */
@Command(
        name = "scheduler",
        description = "Scheduled prediction cycles shared by every running instance.",
        subcommands = {SchedulerCommand.Start.class, SchedulerCommand.Status.class})
final class SchedulerCommand {

    @Command(name = "start", description = "Join the cluster and run scheduled cycles until interrupted.")
    static final class Start extends BaseCommand {
        @Option(names = "--once", description = "run one cycle now, wait for it to finish, then stop")
        boolean once;

        @Override
        public Integer call() {
            AppContext ctx = context();
            Scheduling scheduling = ctx.scheduling();
            if (once) {
                try (SchedulerService worker = scheduling.batchesOnly()) {
                    worker.start();
                    Optional<RunRecord> run = worker.runOnce(Duration.ofMinutes(30));
                    out().result(
                                    run.<Object>map(r -> r).orElse(Map.of("run", "none", "reason", "market closed")),
                                    () -> out().line(run.map(r -> "run " + r.id() + " "
                                                    + r.status().code() + ": " + r.signals() + " signals, "
                                                    + Math.round(r.durationMs()) + " ms")
                                            .orElse("market closed (scheduler calendar): no cycle")));
                    return ExitCodes.OK;
                }
            }
            SchedulerService service = scheduling.standalone();
            service.start();
            Optional<io.dgas.app.stream.StreamSupervisor> stream = ctx.tradeStream();
            out().info("scheduler " + service.name() + " started; next cycle " + scheduling.nextRun()
                    + " (Ctrl-C stops)");
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(service::close, "dgas-scheduler-stop"));
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
                }
                return ExitCodes.OK;
            } finally {
                stream.ifPresent(io.dgas.app.stream.StreamSupervisor::close);
                service.close();
            }
        }
    }

    @Command(name = "status", description = "Next cycle, recent runs and live instances.")
    static final class Status extends BaseCommand {
        @Override
        public Integer call() {
            Scheduling.Status s = context().scheduling().status();
            Map<String, Object> m = s.body(r -> r);
            out().result(m, () -> {
                out().line("schedule   " + s.schedule());
                out().line("next run   " + (s.nextRun() == null ? "(none: start a scheduler)" : s.nextRun()));
                // one line per instance (a Java list of maps was printed, "[{name=…, started_at=…}]")
                out().line("instances  "
                        + (s.instances().isEmpty() ? "none live" : s.instances().size() + " live"));
                s.instances()
                        .forEach(a -> out().line(
                                        "  " + a.name() + " since " + a.startedAt() + ", last seen " + a.lastSeen()));
                out().line("recent runs:");
                s.recentRuns()
                        .forEach(r -> out().line("  " + r.id() + " " + r.startedAt() + " "
                                + r.status().code() + " " + r.signals() + " signals " + Math.round(r.durationMs())
                                + " ms"));
            });
            return ExitCodes.OK;
        }
    }
}
