package io.dgas.app.cli;

import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.dgas.app.AppContext;
import io.dgas.app.cli.db.DbOptimizerCommand;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.schedule.ClusterCycle;
import io.dgas.app.schedule.ExchangeCalendar;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.store.Database;
import io.dgas.store.runs.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas scheduler start [--once]} and {@code dgas scheduler status}. */
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
            if (once) {
                try (SchedulerService worker = SchedulerService.batchesOnly(
                        ctx.database(),
                        cluster(ctx),
                        AppContext.instanceName(),
                        ctx.clock(),
                        SchedulerService.Timing.defaults())) {
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
            SchedulerService service = service(ctx);
            service.start();
            Optional<io.dgas.app.stream.StreamSupervisor> stream = ctx.tradeStream();
            out().info("scheduler " + service.name() + " started; next cycle "
                    + SchedulerService.nextRun(ctx.database()) + " (Ctrl-C stops)");
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
            Database db = context().database();
            Instant now = context().clock().instant();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("next_run", SchedulerService.nextRun(db));
            m.put("schedule", scheduleText(config()));
            m.put(
                    "instances",
                    SchedulerService.liveInstances(db, now, Duration.ofMinutes(3)).stream()
                            .map(a -> Map.of("name", a[0], "started_at", a[1], "last_seen", a[2]))
                            .toList());
            List<RunRecord> recent =
                    new io.dgas.app.service.RunsService(db, context().cache()).recent(now, Duration.ofHours(24), 0);
            m.put("recent_runs", recent.subList(0, Math.min(10, recent.size())));
            out().result(m, () -> {
                out().line("schedule   " + m.get("schedule"));
                out().line("next run   "
                        + (m.get("next_run") == null ? "(none: start a scheduler)" : m.get("next_run")));
                out().line("instances  " + m.get("instances"));
                out().line("recent runs:");
                recent.stream()
                        .limit(10)
                        .forEach(r -> out().line("  " + r.id() + " " + r.startedAt() + " "
                                + r.status().code() + " " + r.signals() + " signals " + Math.round(r.durationMs())
                                + " ms"));
            });
            return ExitCodes.OK;
        }
    }

    static SchedulerService service(AppContext ctx) {
        return service(ctx, List.of());
    }

    /** The cluster scheduler of this instance with {@code more} cluster-wide recurring tasks ({@code dgas serve}). */
    static SchedulerService service(
            AppContext ctx, List<com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void>> more) {
        DgasConfig c = ctx.config();
        ClusterCycle cluster = cluster(ctx);
        io.dgas.store.optimizer.MaintenanceJob maintenance = new io.dgas.store.optimizer.MaintenanceJob(
                ctx.database(), DbOptimizerCommand.retention(c), DbOptimizerCommand.retentionMode(c));
        SchedulerService service = new SchedulerService(
                ctx.database(),
                cluster,
                schedule(c),
                AppContext.instanceName(),
                ctx.clock(),
                SchedulerService.Timing.defaults(),
                () -> maintenance.run(ctx.clock().instant()),
                more);
        // corrections ingested by any other process reach this instance's warm series
        io.dgas.app.events.EventListener remote = new io.dgas.app.events.EventListener(
                        () -> ctx.database().settings(), new io.dgas.app.events.RemoteBarChanges(ctx.analyzers()))
                .start();
        return service.closing(remote);
    }

    /** The cluster cycle of this instance over the configured cycle settings and exchange calendar. */
    static ClusterCycle cluster(AppContext ctx) {
        DgasConfig c = ctx.config();
        int lookback = c.intValue(ConfigKeys.LOOKBACK);
        long stale = c.seconds(ConfigKeys.STALE_AFTER);
        CycleRequest template;
        try {
            template = new CycleRequest(
                    null,
                    c.timeframe(ConfigKeys.HTF),
                    c.timeframe(ConfigKeys.TRADING),
                    lookback,
                    stale > 0
                            ? Duration.ofSeconds(stale)
                            : CycleRequest.defaultStaleAfter(c.timeframe(ConfigKeys.TRADING)));
        } catch (IllegalArgumentException e) {
            throw new BadArgumentException("cycle.htf / cycle.trading: " + e.getMessage());
        }
        SchedulerService.Timing t = SchedulerService.Timing.defaults();
        return new ClusterCycle(
                        ctx.database(),
                        ctx.cycle(ctx::afterRun),
                        () -> template,
                        calendar(c),
                        ctx.clock(),
                        AppContext.instanceName(),
                        c.intValue(ConfigKeys.BATCH_SIZE))
                .assignByHash(t.heartbeat().multipliedBy(t.missedHeartbeats()));
    }

    private static Schedule schedule(DgasConfig c) {
        return c.string(ConfigKeys.SCHED_CRON)
                .map(expr -> {
                    try {
                        return (Schedule) Schedules.cron(expr);
                    } catch (RuntimeException e) {
                        throw new BadArgumentException(
                                "scheduler.cron: invalid expression '" + expr + "': " + e.getMessage());
                    }
                })
                .orElseGet(() -> Schedules.fixedDelay(Duration.ofSeconds(c.seconds(ConfigKeys.SCHED_INTERVAL))));
    }

    private static String scheduleText(DgasConfig c) {
        return c.string(ConfigKeys.SCHED_CRON)
                .map(x -> "cron " + x)
                .orElse("every " + c.seconds(ConfigKeys.SCHED_INTERVAL) + " s");
    }

    static ExchangeCalendar calendar(DgasConfig c) {
        try {
            Set<LocalDate> holidays = c.string(ConfigKeys.SCHED_HOLIDAYS)
                    .map(h -> Arrays.stream(h.split(","))
                            .map(String::trim)
                            .filter(x -> !x.isEmpty())
                            .map(LocalDate::parse)
                            .collect(Collectors.toSet()))
                    .orElse(Set.of());
            return ExchangeCalendar.of(
                    c.bool(ConfigKeys.SCHED_WEEKDAYS),
                    c.string(ConfigKeys.SCHED_ZONE).orElse("UTC"),
                    c.string(ConfigKeys.SCHED_SESSION).orElse(null),
                    holidays);
        } catch (RuntimeException e) {
            throw new BadArgumentException("scheduler calendar settings: " + e.getMessage());
        }
    }
}
