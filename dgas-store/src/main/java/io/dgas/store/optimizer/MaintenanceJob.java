package io.dgas.store.optimizer;

import io.dgas.store.Database;
import io.dgas.store.partition.PartitionMaintenance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily maintenance job: partitions ahead, retention, ended background jobs purged after {@link #JOBS_KEPT},
 * table-size snapshot, materialized view refresh, ANALYZE
 * of tables that need it. A cluster-wide singleton: it runs only while it holds a session-level advisory lock, so a
 * second instance started at the same time reports {@code skipped} instead of doing the work twice. Each step runs
 * even when an earlier one failed; failures are reported per step. Scheduling is the caller's (db-scheduler).
 */
public final class MaintenanceJob {
    static final long LOCK_KEY = 0x64676173_00000002L;
    /** How long an ended background job (and its answer) is kept. */
    public static final Duration JOBS_KEPT = Duration.ofDays(30);

    private final Database db;
    private final Map<String, Duration> retention;
    private final PartitionMaintenance.Mode retentionMode;

    /**
     * @param retention parent table → how long to keep its partitions; tables not listed are kept forever
     * @param retentionMode what to do with expired partitions
     */
    public MaintenanceJob(Database db, Map<String, Duration> retention, PartitionMaintenance.Mode retentionMode) {
        this.db = db;
        this.retention = Map.copyOf(retention);
        this.retentionMode = retentionMode;
    }

    /** The outcome: {@code skipped} when another instance held the lock; step name → result or error text. */
    public record Report(Instant at, boolean skipped, Map<String, Object> steps, List<String> errors) {}

    public Report run(Instant now) {
        return db.withSession(lockSession -> {
            boolean locked = lockSession
                    .queryOne(
                            "maintenance.lock",
                            "SELECT pg_try_advisory_lock(?)",
                            ps -> ps.setLong(1, LOCK_KEY),
                            rs -> rs.getBoolean(1))
                    .orElse(false);
            if (!locked) {
                return new Report(now, true, Map.of(), List.of());
            }
            Map<String, Object> steps = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            try {
                PartitionMaintenance partitions = new PartitionMaintenance(db);
                step("partitions_ahead", () -> partitions.ensureAhead(now), steps, errors);
                step(
                        "retention",
                        () -> retention.isEmpty()
                                ? List.of()
                                : partitions.applyRetention(now, retention, retentionMode),
                        steps,
                        errors);
                step(
                        "jobs_purged",
                        () -> new io.dgas.store.jobs.JobRepository(db).purgeEnded(now.minus(JOBS_KEPT)),
                        steps,
                        errors);
                step("size_snapshot_rows", () -> new TableReports(db).snapshotSizes(now), steps, errors);
                step("views_refreshed", () -> new MaterializedViews(db).refreshAll(), steps, errors);
                step("analyzed", this::analyzeNeeding, steps, errors);
            } finally {
                lockSession.queryOne(
                        "maintenance.unlock",
                        "SELECT pg_advisory_unlock(?)",
                        ps -> ps.setLong(1, LOCK_KEY),
                        rs -> rs.getBoolean(1));
            }
            return new Report(now, false, steps, errors);
        });
    }

    private List<String> analyzeNeeding() {
        VacuumAnalyze va = new VacuumAnalyze(db);
        List<String> sql = new TableReports(db)
                .maintenance().stream()
                        .filter(TableReports.TableMaintenance::needsAnalyze)
                        .map(t -> va.planAnalyze(t.table()))
                        .toList();
        return va.run(sql);
    }

    private static void step(
            String name, java.util.function.Supplier<Object> work, Map<String, Object> steps, List<String> errors) {
        try {
            steps.put(name, work.get());
        } catch (RuntimeException e) {
            steps.put(name, "failed");
            errors.add(name + ": " + e.getMessage());
        }
    }
}
