package io.dgas.app.report;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.report.Report.Chart;
import io.dgas.app.report.Report.Figure;
import io.dgas.app.report.Report.Section;
import io.dgas.app.report.Report.Table;
import io.dgas.store.Database;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.monitor.DatabaseActivity;
import io.dgas.store.monitor.PgStatStatements;
import io.dgas.store.monitor.ServerStatement;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The performance report (cycle times and the heaviest statements of a window) and the SLA report (cycle success,
 * duration, regularity and alert delivery against targets, per day) from what the database keeps: the run records,
 * {@code pg_stat_statements} snapshots and the alert log. One service for the CLI and any other face.
 *
 * <p>Percentiles are nearest-rank over the window's finished runs (a run still running, or abandoned by a dead
 * process, has no duration of its own and is left out of them; an abandoned run counts as not successful).
 */
public final class ReportService {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Database db;

    public ReportService(Database db) {
        this.db = db;
    }

    /**
     * The SLA targets.
     *
     * @param successPct least share of cycles ending {@code success}, percent
     * @param p95Ms most 95th-percentile cycle duration
     * @param maxGap longest time allowed between two cycle starts (and from the window's last start to its end)
     * @param deliveryPct least share of alert deliveries sent, percent
     */
    public record SlaTargets(double successPct, double p95Ms, Duration maxGap, double deliveryPct) {
        /** The longest gap allowed when none is given: twice the scheduler's interval ({@code scheduler.interval}). */
        public static Duration defaultMaxGap(DgasConfig config) {
            return Duration.ofSeconds(2 * config.seconds(ConfigKeys.SCHED_INTERVAL));
        }
    }

    /** Cycles and database statements of the {@code window} ending at {@code now}. */
    public Report performance(Instant now, Duration window) {
        List<RunRecord> runs = runs(now, window);
        List<RunRecord> finished = finished(runs);
        double[] ms = durations(finished);
        List<Figure> cycles = new ArrayList<>();
        cycles.add(Figure.of("cycles", runs.size() + " (" + counts(runs) + ")"));
        cycles.add(Figure.of(
                "duration p50 / p95 / p99 / max",
                finished.isEmpty()
                        ? "-"
                        : ms(percentile(ms, 50)) + " / " + ms(percentile(ms, 95)) + " / " + ms(percentile(ms, 99))
                                + " / " + ms(ms[ms.length - 1])));
        cycles.add(Figure.of(
                "mean stages (load and analyse summed over workers)",
                finished.isEmpty()
                        ? "-"
                        : "load " + ms(mean(finished, RunRecord::loadMs)) + ", analyse "
                                + ms(mean(finished, RunRecord::analyseMs)) + ", persist "
                                + ms(mean(finished, RunRecord::persistMs)) + ", alerts "
                                + ms(mean(finished, RunRecord::alertsMs))));
        cycles.add(Figure.of(
                "signals",
                Integer.toString(runs.stream().mapToInt(RunRecord::signals).sum())));
        List<RunRecord> oldestFirst = finished.stream()
                .sorted(Comparator.comparing(RunRecord::startedAt))
                .toList();
        Chart durationChart = new Chart(
                "Cycle duration",
                Chart.Kind.LINE,
                "ms",
                oldestFirst.stream().map(r -> MINUTE.format(r.startedAt())).toList(),
                oldestFirst.stream().map(RunRecord::durationMs).toList(),
                null);
        Table slowest = new Table(
                "Slowest cycles",
                List.of("run", "started (UTC)", "status", "symbols", "signals", "total ms"),
                finished.stream()
                        .sorted(Comparator.comparingDouble(RunRecord::durationMs)
                                .reversed())
                        .limit(5)
                        .map(r -> List.of(
                                Long.toString(r.id()),
                                MINUTE.format(r.startedAt()),
                                r.status().code(),
                                Integer.toString(r.requested()),
                                Integer.toString(r.signals()),
                                ms(r.durationMs())))
                        .toList());
        return new Report(
                "dgas performance report",
                windowText(now, window),
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                List.of(
                        new Section("Prediction cycles", cycles, List.of(durationChart), List.of(slowest)),
                        database(now, window)));
    }

    private Section database(Instant now, Duration window) {
        DatabaseActivity activity = new DatabaseActivity(db);
        PgStatStatements pss = new PgStatStatements(db);
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of("size", String.format(Locale.ROOT, "%.1f MB", activity.sizeBytes() / 1048576.0)));
        figures.add(Figure.of("connections", DatabaseActivity.describe(activity.connectionsByState())));
        figures.add(Figure.of("cache hit ratio", pct(100 * activity.cacheHitRatio())));
        figures.add(Figure.of(
                "transaction ids left before wraparound",
                String.format(Locale.ROOT, "%,d", activity.wraparoundMargin())));
        if (!pss.available()) {
            figures.add(Figure.of("statements", "pg_stat_statements is not available on this server"));
            return new Section("Database", figures, List.of(), List.of());
        }
        PgStatStatements.Window covered = pss.window(now, window);
        figures.add(Figure.of(
                "statement figures cover",
                covered.complete()
                        ? "the whole window"
                        : covered.baseline() == null
                                ? "totals since the server's statistics began (no snapshot yet)"
                                : "only since " + MINUTE.format(covered.baseline()) + " UTC (the first snapshot)"));
        List<ServerStatement> top = pss.top(now, window, 10, 1, 0);
        Chart heaviest = new Chart(
                "Heaviest statements by total time, in the table's order",
                Chart.Kind.BAR,
                "ms",
                top.stream().limit(8).map(ReportService::statementName).toList(),
                top.stream().limit(8).map(ServerStatement::totalMs).toList(),
                null);
        Table table = new Table(
                "Heaviest statements",
                List.of("statement", "calls", "total ms", "mean ms", "rows"),
                top.stream()
                        .map(s -> List.of(
                                statementName(s),
                                Long.toString(s.calls()),
                                ms(s.totalMs()),
                                String.format(Locale.ROOT, "%.2f", s.meanMs()),
                                Long.toString(s.rows())))
                        .toList());
        return new Section("Database", figures, List.of(heaviest), List.of(table));
    }

    /** Service levels of the {@code window} ending at {@code now} against {@code t}, overall and per day. */
    public Report sla(Instant now, Duration window, SlaTargets t) {
        List<RunRecord> runs = runs(now, window);
        List<RunRecord> decided =
                runs.stream().filter(r -> r.status() != RunStatus.RUNNING).toList();
        double[] ms = durations(finished(runs));
        List<Figure> figures = new ArrayList<>();
        double success = successPct(decided);
        figures.add(new Figure(
                "cycle success",
                decided.isEmpty() ? "no cycles" : pct(success) + " of " + decided.size() + " (" + counts(decided) + ")",
                "at least " + pct(t.successPct()),
                decided.isEmpty() ? Boolean.FALSE : success >= t.successPct()));
        double p95 = ms.length == 0 ? Double.NaN : percentile(ms, 95);
        figures.add(new Figure(
                "cycle duration p95",
                ms.length == 0 ? "-" : ms(p95) + " ms",
                "at most " + ms(t.p95Ms()) + " ms",
                ms.length == 0 ? null : p95 <= t.p95Ms()));
        // the time before the first cycle ever recorded is not a gap: dgas was not running cycles yet (a new install's
        // first report said "6 d 23 h: missed")
        Instant from = now.minus(window);
        Instant first = new RunRepository(db).firstStart().orElse(from);
        boolean young = first.isAfter(from) && !first.isAfter(now);
        Duration gap = longestGap(runs, young ? first : from, now);
        figures.add(new Figure(
                "longest time without a cycle start",
                human(gap) + (young ? " (since the first cycle, " + MINUTE.format(first) + " UTC)" : ""),
                "at most " + human(t.maxGap()),
                gap.compareTo(t.maxGap()) <= 0));
        Map<String, Long> deliveries = new AlertRepository(db).deliveries(now.minus(window));
        long sent = deliveries.getOrDefault("sent", 0L);
        long failed = deliveries.getOrDefault("failed", 0L);
        double delivered = sent + failed == 0 ? Double.NaN : 100.0 * sent / (sent + failed);
        figures.add(new Figure(
                "alert delivery",
                sent + failed == 0 ? "no deliveries" : pct(delivered) + " of " + (sent + failed) + " sent",
                "at least " + pct(t.deliveryPct()),
                sent + failed == 0 ? null : delivered >= t.deliveryPct()));
        long missed = figures.stream().filter(Figure::missed).count();
        figures.add(0, Figure.of("verdict", missed == 0 ? "every target met" : missed + " of the targets missed"));
        return new Report(
                "dgas SLA report",
                windowText(now, window),
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                List.of(
                        new Section("Service levels", figures, List.of(), List.of()),
                        byDay(decided, t, now.minus(window), now)));
    }

    /** Every day of [from, to], those without a cycle too (0 cycles is a day the service was not there). */
    private static Section byDay(List<RunRecord> decided, SlaTargets t, Instant from, Instant to) {
        Map<String, List<RunRecord>> days = new TreeMap<>();
        for (Instant d = from; !d.isAfter(to); d = d.plus(Duration.ofDays(1))) {
            days.put(DAY.format(d), new ArrayList<>());
        }
        days.put(DAY.format(to), new ArrayList<>());
        for (RunRecord r : decided) {
            days.computeIfAbsent(DAY.format(r.startedAt()), d -> new ArrayList<>())
                    .add(r);
        }
        List<String> labels = new ArrayList<>(days.keySet());
        List<Double> success = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        days.forEach((day, list) -> {
            double[] ms = durations(finished(list));
            double s = successPct(list);
            double p = ms.length == 0 ? 0 : percentile(ms, 95);
            success.add(s);
            p95.add(p);
            rows.add(List.of(
                    day,
                    Integer.toString(list.size()),
                    list.isEmpty() ? "-" : pct(s),
                    ms.length == 0 ? "-" : ms(p),
                    Integer.toString(list.stream().mapToInt(RunRecord::signals).sum()),
                    Integer.toString(list.stream().mapToInt(RunRecord::failed).sum())));
        });
        return new Section(
                "By day (UTC)",
                List.of(),
                List.of(
                        new Chart("Cycle success per day", Chart.Kind.BAR, "%", labels, success, t.successPct()),
                        new Chart("Cycle duration p95 per day", Chart.Kind.LINE, "ms", labels, p95, t.p95Ms())),
                List.of(new Table(
                        "Cycles per day",
                        List.of("day", "cycles", "success", "p95 ms", "signals", "failed symbols"),
                        rows)));
    }

    private List<RunRecord> runs(Instant now, Duration window) {
        return new RunRepository(db)
                .recent(now, window, 0).stream()
                        .filter(r -> !r.startedAt().isAfter(now))
                        .toList();
    }

    /** Runs with a duration of their own: ended, not abandoned. */
    private static List<RunRecord> finished(List<RunRecord> runs) {
        return runs.stream()
                .filter(r -> r.status() != RunStatus.RUNNING && r.status() != RunStatus.ABANDONED)
                .toList();
    }

    private static double[] durations(List<RunRecord> runs) {
        double[] ms = runs.stream().mapToDouble(RunRecord::durationMs).toArray();
        Arrays.sort(ms);
        return ms;
    }

    /** Nearest-rank percentile of sorted, non-empty {@code v}. */
    static double percentile(double[] v, double p) {
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private static double successPct(List<RunRecord> decided) {
        return decided.isEmpty()
                ? 0
                : 100.0
                        * decided.stream()
                                .filter(r -> r.status() == RunStatus.SUCCESS)
                                .count()
                        / decided.size();
    }

    /** The longest stretch of [from, to] with no run starting: before the first start, between starts, after the last. */
    static Duration longestGap(List<RunRecord> runs, Instant from, Instant to) {
        List<Instant> starts = runs.stream().map(RunRecord::startedAt).sorted().toList();
        Instant previous = from;
        Duration longest = Duration.ZERO;
        for (Instant s : starts) {
            Duration d = Duration.between(previous, s);
            longest = d.compareTo(longest) > 0 ? d : longest;
            previous = s;
        }
        Duration last = Duration.between(previous, to);
        return last.compareTo(longest) > 0 ? last : longest;
    }

    private static double mean(List<RunRecord> runs, java.util.function.ToDoubleFunction<RunRecord> f) {
        return runs.stream().mapToDouble(f).average().orElse(0);
    }

    private static String counts(List<RunRecord> runs) {
        Map<String, Long> by = new TreeMap<>();
        runs.forEach(r -> by.merge(r.status().code(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        by.forEach((k, v) -> parts.add(v + " " + k));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String statementName(ServerStatement s) {
        if (s.name() != null) {
            return s.name();
        }
        String q = s.query().replaceAll("\\s+", " ").trim();
        return q.length() > 40 ? q.substring(0, 40) + "..." : q;
    }

    private static String windowText(Instant now, Duration window) {
        return "last " + human(window) + ": " + MINUTE.format(now.minus(window)) + " to " + MINUTE.format(now) + " UTC";
    }

    /** "2 h 5 min", "24 h", "3 d 4 h", "45 s". */
    static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        // whole days from two days up ("7 d"); "24 h", "36 h" below
        long days = s >= 2 * 86_400 ? s / 86_400 : 0;
        long hours = (s - days * 86_400) / 3600;
        long minutes = s % 3600 / 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + " d");
        }
        if (hours > 0) {
            parts.add(hours + " h");
        }
        if (minutes > 0 && days == 0) {
            parts.add(minutes + " min");
        }
        return String.join(" ", parts);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v);
    }
}
