package io.dgas.app.stream;

import java.util.HashMap;
import java.util.Map;

/**
 * Drops trades a reconnected stream sends again. A feed that resumes after a dropped connection replays from a little
 * before the drop, in the original order; per symbol this keeps the newest trade time seen and how often each (price,
 * size) occurred at it (a quote: with its bid and ask). On a new connection, a trade older than that time is a replay;
 * at that time, the k-th occurrence of a (price, size) is a replay while k does not exceed the occurrences already
 * seen, so genuinely identical trades in the same millisecond are kept. Not thread-safe: one per stream, called under
 * its lock.
 */
final class TradeDeduper {
    private static final class Newest {
        long millis = Long.MIN_VALUE;
        final Map<String, Integer> seen = new HashMap<>();
        final Map<String, Integer> replayed = new HashMap<>();
    }

    private final Map<String, Newest> bySymbol = new HashMap<>();

    /** A new connection starts: occurrences at the newest time are counted again from zero. */
    void reconnected() {
        bySymbol.values().forEach(n -> n.replayed.clear());
    }

    /** The newest trade time taken of {@code symbol} (epoch ms), or {@link Long#MIN_VALUE} when none. */
    long newest(String symbol) {
        Newest n = bySymbol.get(symbol);
        return n == null ? Long.MIN_VALUE : n.millis;
    }

    /** Whether {@code t} is new (and records it), false when it is a replay. */
    boolean accept(Trade t) {
        Newest n = bySymbol.computeIfAbsent(t.symbol(), k -> new Newest());
        if (t.millis() < n.millis) {
            return false;
        }
        String key =
                t.quoted() ? t.price() + "/" + t.size() + "/" + t.bid() + "/" + t.ask() : t.price() + "/" + t.size();
        if (t.millis() > n.millis) {
            n.millis = t.millis();
            n.seen.clear();
            n.replayed.clear();
        }
        int k = n.replayed.merge(key, 1, Integer::sum);
        if (k <= n.seen.getOrDefault(key, 0)) {
            return false;
        }
        n.seen.merge(key, 1, Integer::sum);
        return true;
    }
}
