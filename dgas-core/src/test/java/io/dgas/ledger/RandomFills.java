package io.dgas.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random execution sequences over a few symbols: prices on a random walk (cents, or a double with many
 * decimals one time in four), whole or 8-decimal quantities, sides that often reduce and reverse, random costs.
 */
final class RandomFills {
    static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC", "DDD");

    private final Random random;
    private final Map<String, Double> last = new HashMap<>();
    private final Map<String, BigDecimal> net = new HashMap<>();
    private int next;

    RandomFills(long seed) {
        this.random = new Random(seed);
    }

    /** {@code n} executions; with {@code flatten}, then one more per symbol that brings it back to zero. */
    List<Execution> sequence(int n, boolean flatten) {
        int symbols = 1 + random.nextInt(SYMBOLS.size());
        List<Execution> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = SYMBOLS.get(random.nextInt(symbols));
            BigDecimal held = net.getOrDefault(s, Money.ZERO);
            BigDecimal q = quantity(held);
            Side side = held.signum() != 0 && random.nextInt(3) > 0
                    ? (held.signum() > 0 ? Side.SELL : Side.BUY)
                    : (random.nextBoolean() ? Side.BUY : Side.SELL);
            out.add(execution(s, side, q));
        }
        if (flatten) {
            for (String s : SYMBOLS) {
                BigDecimal held = net.getOrDefault(s, Money.ZERO);
                if (held.signum() != 0) {
                    out.add(execution(s, held.signum() > 0 ? Side.SELL : Side.BUY, held.abs()));
                }
            }
        }
        return out;
    }

    /** The latest price of each traded symbol: the marks of a sequence. */
    Map<String, Double> marks() {
        Map<String, Double> marks = new HashMap<>();
        last.keySet().forEach(s -> marks.put(s, price(s)));
        return marks;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private BigDecimal quantity(BigDecimal held) {
        int kind = random.nextInt(4);
        if (kind == 0 && held.signum() != 0) {
            return held.abs(); // exactly flat, or exactly double the other way
        }
        if (kind == 1) {
            return BigDecimal.valueOf(1 + random.nextInt(100_000_000), Money.SCALE);
        }
        return BigDecimal.valueOf(1 + random.nextInt(500));
    }

    private Execution execution(String s, Side side, BigDecimal q) {
        net.merge(s, side.sign(q), BigDecimal::add);
        next++;
        return new Execution(
                "r" + next,
                s,
                side,
                q,
                price(s),
                BigDecimal.valueOf(random.nextInt(500), 2),
                BigDecimal.valueOf(random.nextInt(1000), 4),
                Instant.ofEpochSecond(next));
    }

    private double price(String s) {
        double p = last.getOrDefault(s, 20 + 200 * random.nextDouble()) * (1 + 0.03 * random.nextGaussian());
        p = Math.max(0.01, random.nextInt(4) == 0 ? p : Math.round(p * 100) / 100.0);
        last.put(s, p);
        return p;
    }
}
