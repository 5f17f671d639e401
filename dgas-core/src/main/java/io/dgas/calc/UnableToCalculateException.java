package io.dgas.calc;

import io.dgas.DgasException;
import io.dgas.domain.Timeframe;

/** A calculation cannot run on the given series (e.g. fewer than 3 bars); names the symbol and timeframe. */
public class UnableToCalculateException extends DgasException implements io.dgas.UserError {
    private static final long serialVersionUID = 1L;

    private final String symbol;
    private final transient Timeframe timeframe;

    public UnableToCalculateException(String symbol, Timeframe timeframe, String message) {
        super(message + " (symbol " + symbol + ", timeframe " + timeframe + ")");
        this.symbol = symbol;
        this.timeframe = timeframe;
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }
}
