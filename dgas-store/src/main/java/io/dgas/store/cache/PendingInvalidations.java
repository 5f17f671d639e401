package io.dgas.store.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Invalidation patterns made while the shared level was down, in order, without repeats, for replay on reconnect.
 * Bounded: past {@code limit} patterns they collapse into {@code *} (drop everything), which is always correct and
 * never grows. Not thread-safe: {@link RedisL2} guards it.
 */
final class PendingInvalidations {
    static final String ALL = "*";

    private final int limit;
    private final Set<String> patterns = new LinkedHashSet<>();

    PendingInvalidations(int limit) {
        this.limit = limit;
    }

    void add(String pattern) {
        if (patterns.contains(ALL)) {
            return;
        }
        if (ALL.equals(pattern) || patterns.size() >= limit) {
            patterns.clear();
            patterns.add(ALL);
        } else {
            patterns.add(pattern);
        }
    }

    List<String> snapshot() {
        return List.copyOf(patterns);
    }

    void remove(String pattern) {
        patterns.remove(pattern);
    }

    int size() {
        return patterns.size();
    }
}
