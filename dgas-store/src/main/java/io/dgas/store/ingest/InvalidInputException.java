package io.dgas.store.ingest;

import io.dgas.DgasException;
import io.dgas.SafeText;
import io.dgas.UserError;
import java.util.List;

/**
 * A source file broke a validation rule; nothing from it was written. The message names file, line, field, value
 * and rule, e.g. {@code bars.csv line 17, field high, value 99.5: high must be >= max(open, close) (101.2)}. Control
 * characters from the input are escaped, so the message is safe to print on a terminal.
 */
public final class InvalidInputException extends DgasException implements UserError {
    private static final long serialVersionUID = 1L;
    private final transient Reject reject;
    private final String option;
    private final String optionValue;
    private final List<String> accepted;

    public InvalidInputException(String source, Reject reject) {
        super(reject.describe(source));
        this.reject = reject;
        this.option = null;
        this.optionValue = null;
        this.accepted = List.of();
    }

    public InvalidInputException(String message) {
        this(null, null, message, List.of());
    }

    /**
     * The load's option {@code option} (as its caller names it, {@link OptionNames}), given as {@code value} (null:
     * not given), does not fit the source; {@code accepted} says what would.
     */
    public InvalidInputException(String option, String value, String message, List<String> accepted) {
        super(SafeText.escape(message));
        this.reject = null;
        this.option = option;
        this.optionValue = value;
        this.accepted = List.copyOf(accepted);
    }

    /** The rejected row, or null for a problem with the whole source. */
    public Reject reject() {
        return reject;
    }

    /** The rejected row's field, or the option at fault, or null. */
    @Override
    public String parameter() {
        return reject == null ? option : reject.field();
    }

    @Override
    public String value() {
        return reject == null ? optionValue : reject.value();
    }

    /** What the option at fault would accept; empty when no option is at fault. */
    public List<String> accepted() {
        return accepted;
    }

    @Override
    public long line() {
        return reject == null ? 0 : reject.line();
    }
}
