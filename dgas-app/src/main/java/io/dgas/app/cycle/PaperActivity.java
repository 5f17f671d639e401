package io.dgas.app.cycle;

import java.math.BigDecimal;

/**
 * What one active paper session did with a run's signals, as the run's summary shows it ({@code dgas cycle}, its
 * {@code --json}): implemented by the paper trading's own report, which this package does not depend on.
 */
public interface PaperActivity {
    long sessionId();

    long portfolioId();

    /** Orders accepted from the run's signals (they fill at the next bar). */
    int placed();

    /** Orders refused by a session limit (stored as rejected). */
    int rejected();

    /** Pending orders filled at the newest bar. */
    int fills();

    /** Positions closed at their stop or target. */
    int exits();

    /** The session's equity after the run at the latest closes. */
    BigDecimal equity();
}
