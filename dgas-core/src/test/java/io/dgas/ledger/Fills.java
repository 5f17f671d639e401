package io.dgas.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/** Executions for tests, numbered by id; times one second apart. */
final class Fills {
    private int next;

    Execution buy(String symbol, String quantity, double price) {
        return of(symbol, Side.BUY, quantity, price, "0");
    }

    Execution sell(String symbol, String quantity, double price) {
        return of(symbol, Side.SELL, quantity, price, "0");
    }

    Execution of(String symbol, Side side, String quantity, double price, String commission) {
        next++;
        return new Execution(
                "x" + next,
                symbol,
                side,
                new BigDecimal(quantity),
                price,
                new BigDecimal(commission),
                BigDecimal.ZERO,
                Instant.ofEpochSecond(next));
    }

    /** An expected value written as double arithmetic, as the decimal it prints as. */
    static BigDecimal d(double v) {
        return BigDecimal.valueOf(v);
    }

    /** {@code e} applied to a flat position, then each of {@code more}. */
    static Position replay(Execution e, Execution... more) {
        Position p = Position.flat(e.symbol()).apply(e);
        for (Execution m : more) {
            p = p.apply(m);
        }
        return p;
    }
}
