package io.dgas.store.bars;

import io.dgas.DgasException;
import io.dgas.UserError;

/** A command named a ticker that is not in {@code symbols}: {@code unknown symbol 'X'}, exit code 2. */
public final class UnknownSymbolException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String symbol;

    public UnknownSymbolException(String symbol) {
        this(symbol, null);
    }

    /** {@code unknown symbol 'X'; } and {@code advice} (how to add it, say), or no more when it is null. */
    public UnknownSymbolException(String symbol, String advice) {
        super("unknown symbol '" + symbol + "'" + (advice == null ? "" : "; " + advice));
        this.symbol = symbol;
    }

    /** The ticker as given. */
    public String symbol() {
        return symbol;
    }

    @Override
    public String value() {
        return symbol;
    }
}
