package io.dgas.app.bench;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM's threads, grouped by kind, and by the database server's processes, read from
 * {@code /proc} (Linux: {@code schedstat}'s nanoseconds on CPU). A benchmark takes one before and one after the work it
 * measures and reports the differences, so a cycle's CPU is split into what its workers did and what the collector,
 * the JIT compilers and the server did beside them. Where {@code /proc} is not readable every figure is absent.
 */
final class CpuBreakdown {
    /** Thread kinds in report order; a thread is of the first kind whose name prefix it has, else {@code other}. */
    private static final List<Map.Entry<String, List<String>>> KINDS = List.of(
            Map.entry("workers", List.of("pool-")),
            Map.entry("main", List.of("main", "java")),
            Map.entry("gc", List.of("G1 ", "GC Thread", "VM Thread")),
            Map.entry("jit", List.of("C1 CompilerThre", "C2 CompilerThre")),
            Map.entry("other", List.of("")));

    private final Database db;

    CpuBreakdown(Database db) {
        this.db = db;
    }

    /** CPU nanoseconds by kind ({@link #KINDS}, then {@code db_server}); empty where {@code /proc} is unreadable. */
    Map<String, Long> sample() {
        Map<String, Long> out = new LinkedHashMap<>();
        KINDS.forEach(k -> out.put(k.getKey(), 0L));
        if (!threads((kind, ns) -> out.merge(kind, ns, Long::sum))) {
            return Map.of();
        }
        // the server's backends and its background processes; a process gone since counts no more
        List<Integer> pids = db.query(
                "bench.server-pids", "SELECT pid FROM pg_stat_activity", SqlSession.Binder.NONE, rs -> rs.getInt(1));
        long server = 0;
        for (int pid : pids) {
            server += Math.max(0, onCpu(Path.of("/proc", Integer.toString(pid))));
        }
        out.put("db_server", server);
        return out;
    }

    /** CPU nanoseconds of the JIT compiler threads so far, -1 where {@code /proc} is unreadable. */
    long jitNanos() {
        long[] ns = {0};
        return threads((kind, t) -> ns[0] += kind.equals("jit") ? t : 0) ? ns[0] : -1;
    }

    /**
     * Hands each live thread's kind and CPU nanoseconds to {@code sink} (a thread that ends meanwhile is skipped);
     * false when {@code /proc/self/task} is unreadable.
     */
    private static boolean threads(java.util.function.ObjLongConsumer<String> sink) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                long ns = onCpu(t);
                String name = comm(t);
                if (ns >= 0 && name != null) {
                    sink.accept(kindOf(name), ns);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code after - before} per kind, in milliseconds. */
    static Map<String, Double> millis(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0L)) / 1e6));
        return out;
    }

    private static String kindOf(String thread) {
        for (Map.Entry<String, List<String>> k : KINDS) {
            for (String prefix : k.getValue()) {
                if (thread.startsWith(prefix)) {
                    return k.getKey();
                }
            }
        }
        return "other";
    }

    /** Nanoseconds on CPU of a thread or process directory, -1 when unreadable (it ended). */
    private static long onCpu(Path dir) {
        try {
            String s = Files.readString(dir.resolve("schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
