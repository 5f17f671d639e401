package io.dgas.app.cycle;

import io.dgas.DgasException;
import io.dgas.UserError;
import java.util.List;

/** A cycle request that cannot run: timeframes that do not nest, a lookback too short. */
public final class InvalidCycleRequestException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String value;
    private final List<String> accepted;

    public InvalidCycleRequestException(String parameter, String value, String message, List<String> accepted) {
        super(message);
        this.parameter = parameter;
        this.value = value;
        this.accepted = List.copyOf(accepted);
    }

    /** The request field at fault: {@code htf} or {@code lookback}. */
    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }

    /** What the parameter would accept. */
    public List<String> accepted() {
        return accepted;
    }
}
