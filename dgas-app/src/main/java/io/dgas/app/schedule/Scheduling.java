package io.dgas.app.schedule;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.RetentionSettings;
import io.dgas.app.config.UnableToConfigureException;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.events.EventListener;
import io.dgas.app.events.RemoteBarChanges;
import io.dgas.app.service.RunsService;
import io.dgas.app.stream.MarketHours;
import io.dgas.store.optimizer.MaintenanceJob;
import io.dgas.store.runs.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scheduler feature over the configuration ({@code scheduler.*}, {@code cycle.*}): builds this instance's cluster
 * scheduler for {@code dgas scheduler start} and {@code dgas serve}, and reports its state for
 * {@code dgas scheduler status}. Every scheduled cycle goes through the context's
 * {@link io.dgas.app.cycle.CycleService}, so it never overlaps a cycle started by hand anywhere on the database.
 */
public final class Scheduling {
    /** Instances seen within this are listed as live by {@link #status()}. */
    static final Duration LISTED_WITHIN = Duration.ofMinutes(3);

    private final AppContext ctx;

    public Scheduling(AppContext ctx) {
        this.ctx = ctx;
    }

    /** What {@code dgas scheduler status} shows. */
    public record Status(
            Instant nextRun, String schedule, List<SchedulerService.Instance> instances, List<RunRecord> recentRuns) {
        /**
         * {@code {next_run, schedule, instances: [{name, started_at, last_seen}], recent_runs}}, the runs rendered by
         * {@code run} ({@code dgas scheduler status --json} keeps the record, the API its run body).
         */
        public Map<String, Object> body(java.util.function.Function<RunRecord, Object> run) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("next_run", nextRun);
            m.put("schedule", schedule);
            m.put(
                    "instances",
                    instances.stream()
                            .map(a -> Map.of(
                                    "name",
                                    a.name(),
                                    "started_at",
                                    a.startedAt().toString(),
                                    "last_seen",
                                    a.lastSeen().toString()))
                            .toList());
            m.put("recent_runs", recentRuns.stream().map(run).toList());
            return m;
        }
    }

    /** The next cycle, the schedule, the live instances and the last 10 runs of the past 24 h. */
    public Status status() {
        Instant now = ctx.clock().instant();
        List<RunRecord> recent = new RunsService(ctx.database(), ctx.cache()).recent(now, Duration.ofHours(24), 0);
        return new Status(
                SchedulerService.nextRun(ctx.database()),
                scheduleText(ctx.config()),
                SchedulerService.liveInstances(ctx.database(), now, LISTED_WITHIN),
                recent.subList(0, Math.min(10, recent.size())));
    }

    /** When the next cycle is due, or null when none is scheduled. */
    public Instant nextRun() {
        return SchedulerService.nextRun(ctx.database());
    }

    /**
     * This instance's full scheduler (cycle ticks, batches, daily maintenance) with {@code more} cluster-wide recurring
     * tasks ({@code dgas serve} adds the statement snapshots); not started.
     *
     * @throws UnableToConfigureException an invalid cron expression, cycle timeframes or calendar
     */
    public SchedulerService instance(List<RecurringTask<Void>> more) {
        DgasConfig c = ctx.config();
        ClusterCycle cluster = cluster();
        MaintenanceJob maintenance =
                new MaintenanceJob(ctx.database(), RetentionSettings.retention(c), RetentionSettings.mode(c));
        SchedulerService service = new SchedulerService(
                ctx.database(),
                cluster,
                schedule(c),
                AppContext.instanceName(),
                ctx.clock(),
                SchedulerService.Timing.defaults(),
                () -> {
                    maintenance.run(ctx.clock().instant());
                    ctx.invalidation().viewsRefreshed(); // the job refreshed the views their readers cache
                },
                more);
        return service;
    }

    /**
     * {@link #instance} for a process without a web server ({@code dgas scheduler start}): it also listens for other
     * processes' {@code bars} events so their corrections reach this instance's warm series (a {@code dgas serve}
     * hears them through its web server's listener, so a second listener there would rebuild twice).
     */
    public SchedulerService standalone() {
        EventListener remote =
                new EventListener(() -> ctx.database().settings(), new RemoteBarChanges(ctx.analyzers())).start();
        return instance(List.of()).closing(remote);
    }

    /** An instance that only runs batches and ticks when asked ({@code dgas scheduler start --once}); not started. */
    public SchedulerService batchesOnly() {
        return SchedulerService.batchesOnly(
                ctx.database(), cluster(), AppContext.instanceName(), ctx.clock(), SchedulerService.Timing.defaults());
    }

    /** The cluster cycle of this instance over the configured cycle settings and exchange calendar. */
    ClusterCycle cluster() {
        DgasConfig c = ctx.config();
        long stale = c.seconds(ConfigKeys.STALE_AFTER);
        CycleRequest template;
        try {
            template = new CycleRequest(
                    null,
                    c.timeframe(ConfigKeys.HTF),
                    c.timeframe(ConfigKeys.TRADING),
                    c.intValue(ConfigKeys.LOOKBACK),
                    stale > 0
                            ? Duration.ofSeconds(stale)
                            : CycleRequest.defaultStaleAfter(c.timeframe(ConfigKeys.TRADING)));
        } catch (IllegalArgumentException e) {
            throw new UnableToConfigureException("cycle.htf / cycle.trading: " + e.getMessage());
        }
        return new ClusterCycle(
                        ctx.database(),
                        ctx.cycle(ctx::afterRun),
                        () -> template,
                        calendar(c, ctx.marketHours()),
                        ctx.clock(),
                        AppContext.instanceName(),
                        c.intValue(ConfigKeys.BATCH_SIZE),
                        ctx.cycles())
                .assignByHash(SchedulerService.Timing.defaults().liveWithin());
    }

    static Schedule schedule(DgasConfig c) {
        return c.string(ConfigKeys.SCHED_CRON)
                .map(expr -> {
                    try {
                        return (Schedule) Schedules.cron(expr);
                    } catch (RuntimeException e) {
                        throw new UnableToConfigureException(
                                "scheduler.cron: invalid expression '" + expr + "': " + e.getMessage());
                    }
                })
                .orElseGet(() -> Schedules.fixedDelay(Duration.ofSeconds(c.seconds(ConfigKeys.SCHED_INTERVAL))));
    }

    static String scheduleText(DgasConfig c) {
        return c.string(ConfigKeys.SCHED_CRON)
                .map(x -> "cron " + x)
                .orElse("every " + c.seconds(ConfigKeys.SCHED_INTERVAL) + " s");
    }

    /**
     * The calendar cycles run in: {@code scheduler.market}'s shipped calendar ({@code hours}), else the one of {@code
     * scheduler.weekdays_only}, {@code session}, {@code timezone} and {@code holidays}.
     *
     * @throws UnableToConfigureException when the market is set with a session or holidays of its own
     */
    static ExchangeCalendar calendar(DgasConfig c, MarketHours hours) {
        Optional<String> market = c.string(ConfigKeys.SCHED_MARKET);
        if (market.isPresent()) {
            if (c.string(ConfigKeys.SCHED_SESSION).isPresent()
                    || c.string(ConfigKeys.SCHED_HOLIDAYS).isPresent()) {
                throw new UnableToConfigureException(ConfigKeys.SCHED_MARKET + " brings its market's session and"
                        + " holidays: set it or " + ConfigKeys.SCHED_SESSION + " and " + ConfigKeys.SCHED_HOLIDAYS
                        + ", not both");
            }
            return hours.calendarOf(market.get().trim().toLowerCase(Locale.ROOT));
        }
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
            throw new UnableToConfigureException("scheduler calendar settings: " + e.getMessage());
        }
    }
}
