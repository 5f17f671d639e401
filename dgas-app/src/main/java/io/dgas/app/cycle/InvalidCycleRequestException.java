package io.dgas.app.cycle;

import io.dgas.DgasException;
import io.dgas.UserError;

/** A cycle request that cannot run: timeframes that do not nest, a lookback too short. */
public final class InvalidCycleRequestException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;

    public InvalidCycleRequestException(String parameter, String value, String message) {
        super(message);
        this.parameter = parameter;
        this.value = value;
    }

    /** The request field at fault: {@code htf} or {@code lookback}. */
    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }
}
