package io.dgas.store.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Advice on the server's settings, PgHero's "tune" page: the memory settings sized to the server's memory as PgTune
 * sizes them for a mixed workload (dgas bulk-loads bars with COPY and reads them back for analyses and pages), the
 * planner told the storage is an SSD, checkpoints spread out for bulk loads, I/O timing on for the statement figures,
 * and the settings that put data at risk or let tables bloat called out.
 *
 * <p>Design note (PgTune, "mixed" type, Linux): shared_buffers = RAM / 4; effective_cache_size = RAM × 3 / 4;
 * maintenance_work_mem = RAM / 16, at most 2 GB; work_mem = (RAM − shared_buffers) / (max_connections × 3) /
 * max_parallel_workers_per_gather, at least 4 MB (PostgreSQL's default); max_wal_size 4 GB; checkpoint_completion_target
 * 0.9; random_page_cost 1.1 and effective_io_concurrency 200 for SSDs. A memory setting is only advised when the
 * server's memory is known (a server on this machine) and only when it is off by more than a quarter, so a setting
 * tuned by hand near the rule is left alone. Pure: {@link ServerSettings} reads the values.
 */
public final class SettingsAdvice {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    /** Relative difference below which a memory setting counts as sized already. */
    private static final double SLACK = 0.25;

    private SettingsAdvice() {}

    /**
     * A setting with what it is, what it should be and why.
     *
     * @param current as the server shows it ({@code 128MB}, {@code on})
     * @param suggested the value to set, or null when it is fine
     * @param restart whether a new value takes a server restart (else a reload)
     */
    public record Advice(String name, String current, String suggested, String why, boolean restart) {
        /** The statement that sets the suggestion ({@code ALTER SYSTEM}), or null when there is none. */
        @com.fasterxml.jackson.annotation.JsonProperty("statement")
        public String statement() {
            return suggested == null ? null : "ALTER SYSTEM SET " + name + " = '" + suggested + "'";
        }
    }

    /**
     * The advice on {@code settings} (by name; one the server lacks is left out), for a server with {@code ramBytes} of memory (0 or
     * less: not known, the memory settings are listed without a suggestion).
     */
    public static List<Advice> of(Map<String, ServerSettings.Setting> settings, long ramBytes) {
        List<Advice> out = new ArrayList<>();
        boolean ram = ramBytes > 0;
        long shared = ram ? ramBytes / 4 : 0;
        long connections = Math.max(1, (long) value(settings, "max_connections", 100));
        long parallel = Math.max(1, (long) value(settings, "max_parallel_workers_per_gather", 2));
        long work = Math.max(4 * MB, (ramBytes - shared) / (connections * 3) / parallel);
        String memoryWhy = ram ? "" : " (the server's memory is not known here: not judged)";
        out.add(memory(settings, "shared_buffers", ram, shared, "a quarter of the server's memory" + memoryWhy));
        out.add(memory(
                settings,
                "effective_cache_size",
                ram,
                ramBytes / 4 * 3,
                "three quarters of the memory: what the planner may count on being cached" + memoryWhy));
        out.add(memory(
                settings,
                "maintenance_work_mem",
                ram,
                Math.min(2 * GB, ramBytes / 16),
                "a sixteenth of the memory (at most 2 GB): index builds and vacuum" + memoryWhy));
        out.add(memory(
                settings,
                "work_mem",
                ram,
                work,
                "what is left beside shared_buffers over 3 sorts a connection and the parallel workers" + memoryWhy));
        out.add(atLeast(settings, "max_wal_size", 4 * GB, "bulk COPY loads checkpoint less often"));
        out.add(number(
                settings, "checkpoint_completion_target", 0.9, "spreads a checkpoint's writes over its interval"));
        out.add(number(settings, "random_page_cost", 1.1, "on SSD storage a random read costs about a sequential one"));
        out.add(number(settings, "effective_io_concurrency", 200, "on SSD storage: prefetch for bitmap heap scans"));
        out.add(on(settings, "track_io_timing", false, "I/O time per statement in pg_stat_statements and EXPLAIN"));
        out.add(on(settings, "autovacuum", true, "without it tables bloat and transaction ids run out"));
        for (String risky : List.of("fsync", "full_page_writes", "synchronous_commit")) {
            out.add(on(settings, risky, true, "off puts committed data at risk in a crash"));
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** A setting's number, or {@code otherwise} when the server has no such setting. */
    private static double value(Map<String, ServerSettings.Setting> settings, String name, double otherwise) {
        ServerSettings.Setting s = settings.get(name);
        return s == null || Double.isNaN(s.number()) ? otherwise : s.number();
    }

    private static Advice memory(
            Map<String, ServerSettings.Setting> settings, String name, boolean known, long target, String why) {
        ServerSettings.Setting s = settings.get(name);
        if (s == null) {
            return null;
        }
        boolean off = known && Math.abs(s.number() - target) > SLACK * target;
        return new Advice(name, s.shown(), off ? bytes(target) : null, why, s.restart());
    }

    private static Advice atLeast(Map<String, ServerSettings.Setting> settings, String name, long least, String why) {
        ServerSettings.Setting s = settings.get(name);
        return s == null
                ? null
                : new Advice(name, s.shown(), s.number() < least ? bytes(least) : null, why, s.restart());
    }

    private static Advice number(Map<String, ServerSettings.Setting> settings, String name, double v, String why) {
        ServerSettings.Setting s = settings.get(name);
        if (s == null) {
            return null;
        }
        boolean off = Math.abs(s.number() - v) > 1e-9 * Math.max(1, Math.abs(v));
        return new Advice(name, s.shown(), off ? plain(v) : null, why, s.restart());
    }

    /**
     * Advises {@code on} when the setting is not on, or with {@code onlyOff} only when it is {@code off}
     * (synchronous_commit's {@code local} keeps a commit durable on this server).
     */
    private static Advice on(Map<String, ServerSettings.Setting> settings, String name, boolean onlyOff, String why) {
        ServerSettings.Setting s = settings.get(name);
        if (s == null) {
            return null;
        }
        boolean off = onlyOff ? "off".equals(s.shown()) : !"on".equals(s.shown());
        return new Advice(name, s.shown(), off ? "on" : null, why, s.restart());
    }

    /** Bytes as PostgreSQL reads a memory setting: whole GB when they divide, else whole MB (at least 1). */
    static String bytes(long b) {
        return b % GB == 0 ? b / GB + "GB" : Math.max(1, b / MB) + "MB";
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
