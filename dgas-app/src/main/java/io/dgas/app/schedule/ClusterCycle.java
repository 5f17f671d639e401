package io.dgas.app.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.dgas.app.Json;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.CycleRunningException;
import io.dgas.app.cycle.CycleService;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolOutcome;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.runs.CycleLock;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction cycle spread over every running instance with db-scheduler.
 *
 * <p>Design notes: a recurring task ({@value #CYCLE_TASK}) fires once per tick cluster-wide (db-scheduler picks each
 * execution with a row lock); the instance that picks it records the run as running and schedules one one-time task
 * ({@value #BATCH_TASK}) per batch. Every instance polls for due batches, so batches spread over the cluster. A batch
 * stores its outcomes and bumps the run's {@code batches_done} in one transaction (idempotent per (run, batch)); the
 * instance whose bump reaches {@code batches_total} writes the run record and all its signals in one transaction.
 * A batch picked by an instance that died is picked up by another after db-scheduler's dead-execution timeout.
 * Ticks outside the exchange calendar do nothing. The ticking instance runs the collect stage (new bars from the
 * market-data source) before it schedules the batches, so every batch analyses the fresh bars.
 */
public final class ClusterCycle {
    public static final String CYCLE_TASK = "prediction-cycle";
    public static final String BATCH_TASK = "cycle-batch";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCycle.class);

    private final Database db;
    private final PredictionCycle cycle;
    private final RunRepository runs;
    private final Supplier<CycleRequest> requests;
    private final ExchangeCalendar calendar;
    private final Clock clock;
    private final String instance;
    private final int batchSize;
    private final OneTimeTask<String> batchTask;
    private final OneTimeTask<String> ownBatchTask;
    private Duration liveWithin;
    /** The instance set of the last own batch run here (its warm series were trimmed to its share then). */
    private volatile List<String> assignedOver;
    /** The run of the last own batch run here: the first own batch of a run trims the warm series. */
    private volatile long trimmedForRun = Long.MIN_VALUE;

    private final CycleService cycles;

    /** A cluster cycle guarded by a cycle service of its own over {@code cycle} (tests, single-purpose tools). */
    public ClusterCycle(
            Database db,
            PredictionCycle cycle,
            Supplier<CycleRequest> requests,
            ExchangeCalendar calendar,
            Clock clock,
            String instance,
            int batchSize) {
        this(
                db,
                cycle,
                requests,
                calendar,
                clock,
                instance,
                batchSize,
                new CycleService(
                        null,
                        () -> db,
                        p -> cycle,
                        SignalParams::defaults,
                        () -> new CycleLock(
                                db,
                                BATCH_TASK,
                                SchedulerService.Timing.defaults().liveWithin())));
    }

    /**
     * @param cycles the service every cycle of this process goes through, so a tick is refused while any cycle runs on
     *     the database ({@code dgas cycle}, {@code POST /api/v1/cycle}, another instance's run with batches left)
     */
    public ClusterCycle(
            Database db,
            PredictionCycle cycle,
            Supplier<CycleRequest> requests,
            ExchangeCalendar calendar,
            Clock clock,
            String instance,
            int batchSize,
            CycleService cycles) {
        this.cycles = cycles;
        this.db = db;
        this.cycle = cycle;
        this.runs = new RunRepository(db);
        this.requests = requests;
        this.calendar = calendar;
        this.clock = clock;
        this.instance = instance;
        this.batchSize = batchSize;
        this.batchTask =
                Tasks.oneTime(BATCH_TASK, String.class).execute((inst, ctx) -> executeBatch(inst.getData(), false));
        this.ownBatchTask = Tasks.oneTime(ownerTask(instance), String.class)
                .execute((inst, ctx) -> executeBatch(inst.getData(), true));
    }

    public OneTimeTask<String> batchTask() {
        return batchTask;
    }

    /** The batch tasks this instance runs: anyone's ({@value #BATCH_TASK}) and those assigned to it. */
    public List<OneTimeTask<String>> batchTasks() {
        return List.of(batchTask, ownBatchTask);
    }

    /**
     * From now on the ticks assign symbols to the instances seen within {@code liveWithin} by a stable hash ({@link
     * SymbolAssignment}) and schedule each instance's batches as its own task, which only it runs: its warm series stay
     * warm. Batches of an instance that is gone are handed to anyone ({@link #rehomeOrphanBatches}) and rebuilt there
     * from the database, one batched query per batch and timeframe. When an instance runs a batch of its own assigned
     * over a set of instances other than the last it saw, it drops the warm series of the symbols no longer its own, so
     * its memory stays bounded by its share; an instance whose share is empty gets a release task instead, which drops
     * them all.
     */
    public ClusterCycle assignByHash(Duration liveWithin) {
        this.liveWithin = liveWithin;
        return this;
    }

    /** The task name of the batches assigned to {@code instance}. */
    static String ownerTask(String instance) {
        return BATCH_TASK + ":" + instance;
    }

    public RecurringTask<Void> recurringTask(Schedule schedule) {
        return Tasks.recurring(CYCLE_TASK, schedule).execute((inst, ctx) -> {
            try {
                tick(ctx.getSchedulerClient());
            } catch (CycleRunningException e) {
                LOG.info("a prediction cycle is running on the database: no new cycle this tick");
            }
        });
    }

    /**
     * One tick: when the market is open, record a running run and schedule its batches, through
     * {@link CycleService#run(CycleRequest, SignalParams, CycleService.Engine)} like every other cycle; returns the run
     * id, or 0 when the market is closed.
     *
     * @throws CycleRunningException a cycle is running on the database (this process, another, or a run with batches
     *     left)
     */
    public long tick(SchedulerClient client) {
        Instant now = clock.instant();
        if (!calendar.isOpen(now)) {
            LOG.info("market closed at {}: no cycle this tick", now);
            return 0;
        }
        return cycles.run(requests.get(), null, (r, p) -> start(client, r, now))
                .run()
                .id();
    }

    /** Records run {@code r} as running, collects, and schedules its batches; the running record, no signals yet. */
    private CycleResult start(SchedulerClient client, CycleRequest r, Instant now) {
        List<String> universe = cycle.universe(r);
        List<String> live = liveWithin == null ? null : assignees(now);
        List<Map.Entry<String, List<String>>> plan = plan(universe, live);
        int batches = plan.size();
        long runId = runs.insertRunning(
                new RunRecord(
                        0,
                        now,
                        null,
                        r.htf(),
                        r.trading(),
                        RunStatus.RUNNING,
                        universe.size(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        Map.of(),
                        List.of(),
                        instance,
                        Map.of(),
                        cycle.settings()),
                batches);
        cycle.recordCollect(runId, cycle.collect(universe));
        for (int b = 0; b < batches; b++) {
            List<String> symbols = plan.get(b).getValue();
            BatchData data = BatchData.of(runId, b, List.copyOf(symbols), r, now, live);
            client.scheduleIfNotExists(
                    new com.github.kagkarlsson.scheduler.task.TaskInstance<>(
                            plan.get(b).getKey(), runId + "-" + b, json(data)),
                    now);
        }
        if (live != null) {
            // an instance with no share gets no batch, so it would keep the warm series it holds: a release task tells
            // it to drop them (not counted in the run's batches; rehomed to anyone if it is gone, where it does
            // nothing)
            java.util.Set<String> busy = new java.util.HashSet<>();
            plan.forEach(e -> busy.add(e.getKey()));
            for (String idle : live) {
                if (!busy.contains(ownerTask(idle))) {
                    BatchData release = BatchData.of(runId, -1, List.of(), r, now, live);
                    client.scheduleIfNotExists(
                            new com.github.kagkarlsson.scheduler.task.TaskInstance<>(
                                    ownerTask(idle), runId + "-release", json(release)),
                            now);
                }
            }
        }
        if (batches == 0) {
            return finish(runId);
        }
        return new CycleResult(runs.find(runId).orElseThrow(), List.of());
    }

    /**
     * The run's batches as (task name, symbols): the universe in slices of {@code batchSize} for anyone, or, when
     * assigning by hash, each live instance's share in slices for that instance only.
     */
    private List<Map.Entry<String, List<String>>> plan(List<String> universe, List<String> live) {
        List<Map.Entry<String, List<String>>> out = new ArrayList<>();
        Map<String, List<String>> shares;
        if (live == null) {
            shares = Map.of(BATCH_TASK, universe);
        } else {
            shares = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e :
                    SymbolAssignment.assign(universe, live).entrySet()) {
                shares.put(ownerTask(e.getKey()), e.getValue());
            }
        }
        shares.forEach((task, symbols) -> {
            for (int from = 0; from < symbols.size(); from += batchSize) {
                out.add(Map.entry(task, symbols.subList(from, Math.min(symbols.size(), from + batchSize))));
            }
        });
        return out;
    }

    /** The instances symbols are assigned over, sorted: the live ones and this one; orphan batches rehomed first. */
    private List<String> assignees(Instant now) {
        rehomeOrphanBatches(now);
        java.util.TreeSet<String> live = new java.util.TreeSet<>(liveInstances(now));
        live.add(instance); // ticking, so alive, even before its first announcement is visible
        return List.copyOf(live);
    }

    private List<String> liveInstances(Instant now) {
        return db.query(
                "scheduler.live-names",
                "SELECT name FROM scheduler_instances WHERE last_seen >= ? ORDER BY name",
                ps -> ps.setTimestamp(1, java.sql.Timestamp.from(now.minus(liveWithin))),
                rs -> rs.getString(1));
    }

    /**
     * Hands the batches assigned to instances no longer seen (not run, or picked by them before they died) to any
     * instance: renamed to {@value #BATCH_TASK} and released. Returns how many.
     */
    public int rehomeOrphanBatches(Instant now) {
        if (liveWithin == null) {
            return 0;
        }
        int n = db.update(
                "scheduler.rehome-batches",
                "UPDATE scheduled_tasks SET task_name = ?, picked = false, picked_by = NULL, last_heartbeat = NULL,"
                        + " version = version + 1 WHERE task_name LIKE ? AND substr(task_name, ?) NOT IN"
                        + " (SELECT name FROM scheduler_instances WHERE last_seen >= ?)",
                ps -> {
                    ps.setString(1, BATCH_TASK);
                    ps.setString(2, BATCH_TASK + ":%");
                    ps.setInt(3, BATCH_TASK.length() + 2);
                    ps.setTimestamp(4, java.sql.Timestamp.from(now.minus(liveWithin)));
                });
        if (n > 0) {
            LOG.warn("{} batches of instances that are gone handed to any instance", n);
        }
        return n;
    }

    /**
     * Runs one batch and, when it is the run's last, finishes the run. The first batch of this instance's own
     * ({@code owned}) in a run, or one assigned over a new set of instances, first drops the warm series of symbols
     * now assigned elsewhere or no longer in the active universe (one query per run); a release (no symbols: this
     * instance's share of the run is empty) drops all of them.
     */
    void executeBatch(String json, boolean owned) {
        BatchData d = read(json, BatchData.class);
        if (d.release()) { // a release: this instance's share is empty (elsewhere: nothing to do)
            int dropped = owned ? cycle.retain(s -> false) : 0;
            assignedOver = owned ? d.instances() : assignedOver;
            if (dropped > 0) {
                LOG.info(
                        "{} warm series dropped: no symbol is assigned to this instance over {}",
                        dropped,
                        d.instances());
            }
            return;
        }
        if (owned
                && d.instances() != null
                && (d.run() != trimmedForRun || !d.instances().equals(assignedOver))) {
            List<String> over = d.instances();
            java.util.Set<String> active = new java.util.HashSet<>(cycle.activeUniverse());
            int dropped = cycle.retain(s -> active.contains(s) && instance.equals(SymbolAssignment.owner(s, over)));
            assignedOver = over;
            trimmedForRun = d.run();
            if (dropped > 0) {
                LOG.info(
                        "{} warm series dropped: their symbols left the active universe or are assigned to other"
                                + " instances of {}",
                        dropped,
                        over);
            }
        }
        CycleRequest r = new CycleRequest(
                d.symbols(),
                Timeframe.parse(d.htf()),
                Timeframe.parse(d.trading()),
                d.lookback(),
                Duration.ofSeconds(d.staleSeconds()));
        LongAdder load = new LongAdder();
        LongAdder analyse = new LongAdder();
        List<SymbolOutcome> outcomes = cycle.batch(d.symbols(), r, Instant.ofEpochSecond(d.asOf()), load, analyse);
        byte[] payload =
                json(new BatchResult(outcomes, load.sum(), analyse.sum())).getBytes(StandardCharsets.UTF_8);
        boolean last = db.inTransaction(s -> {
            int inserted = s.update(
                    "cycle.batch-result",
                    "INSERT INTO cycle_batch_results (run_id, batch_no, instance,"
                            + " payload) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, batch_no) DO NOTHING",
                    ps -> {
                        ps.setLong(1, d.run());
                        ps.setInt(2, d.batch());
                        ps.setString(3, instance);
                        ps.setBytes(4, payload);
                    });
            if (inserted == 0) {
                return false;
            }
            return s.queryOne(
                            "cycle.batch-done",
                            "UPDATE prediction_runs SET batches_done = batches_done + 1"
                                    + " WHERE id = ? RETURNING batches_done >= batches_total",
                            ps -> ps.setLong(1, d.run()),
                            rs -> rs.getBoolean(1))
                    .orElse(false);
        });
        if (last) {
            finish(d.run());
        }
    }

    /** Writes the run record and every signal of run {@code runId} from its batch results, in one transaction. */
    CycleResult finish(long runId) {
        RunRecord running = runs.find(runId).orElseThrow();
        List<SymbolOutcome> outcomes = new ArrayList<>();
        long[] nanos = new long[2];
        db.query(
                "cycle.batch-results",
                "SELECT payload FROM cycle_batch_results WHERE run_id = ? ORDER BY batch_no",
                ps -> ps.setLong(1, runId),
                rs -> {
                    BatchResult b = read(new String(rs.getBytes(1), StandardCharsets.UTF_8), BatchResult.class);
                    outcomes.addAll(b.outcomes());
                    nanos[0] += b.loadNanos();
                    nanos[1] += b.analyseNanos();
                    return null;
                });
        CycleRequest r = new CycleRequest(null, running.htf(), running.trading(), 3, Duration.ZERO);
        Instant started = running.startedAt();
        CycleResult result = cycle.persist(
                r,
                runId,
                started,
                () -> Duration.between(started, clock.instant()).toNanos(),
                running.requested(),
                outcomes,
                nanos[0],
                nanos[1]);
        db.update(
                "cycle.batch-clean",
                "UPDATE cycle_batch_results SET payload = ''::bytea WHERE run_id = ?",
                ps -> ps.setLong(1, runId));
        LOG.info(
                "run {} finished by {}: {} signals",
                runId,
                instance,
                result.signals().size());
        return result;
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
