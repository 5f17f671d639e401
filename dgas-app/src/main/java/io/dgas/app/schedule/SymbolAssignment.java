package io.dgas.app.schedule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which scheduler instance analyses which symbol: rendezvous (highest-random-weight) hashing of (instance, symbol), so
 * a symbol stays with its instance for as long as that instance lives, and when the set of instances changes only the
 * symbols of the instances that left (or a fair share for one that joined) move. Deterministic: every instance
 * computes the same assignment from the same names.
 */
public final class SymbolAssignment {
    private SymbolAssignment() {}

    /**
     * @param symbols the universe, in the order batches should keep
     * @param instances live instance names (at least one)
     * @return instance → its symbols (in {@code symbols} order), every instance present, by name
     */
    public static Map<String, List<String>> assign(List<String> symbols, List<String> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no live instance to assign symbols to");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        new TreeSet<>(instances).forEach(i -> out.put(i, new ArrayList<>()));
        for (String s : symbols) {
            out.get(owner(s, out.keySet())).add(s);
        }
        return out;
    }

    /** The instance of {@code instances} that owns {@code symbol}. */
    public static String owner(String symbol, Iterable<String> instances) {
        String best = null;
        long bestWeight = 0;
        for (String i : instances) {
            long w = weight(i, symbol);
            if (best == null || Long.compareUnsigned(w, bestWeight) > 0 || (w == bestWeight && i.compareTo(best) < 0)) {
                best = i;
                bestWeight = w;
            }
        }
        return best;
    }

    /** A 64-bit FNV-1a of "instance NUL symbol", finished with a SplitMix64 mix so close names spread. */
    static long weight(String instance, String symbol) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (instance + '\0' + symbol).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
