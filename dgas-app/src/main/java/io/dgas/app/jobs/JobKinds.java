package io.dgas.app.jobs;

import java.util.List;

/** The kinds of background job there are. */
public final class JobKinds {
    /** {@code dgas backtest}'s work ({@code POST /api/v1/backtests} with {@code async}). */
    public static final String BACKTEST = "backtest";
    /** {@code dgas signals evaluate}'s work ({@code POST /api/v1/signals/evaluation}). */
    public static final String EVALUATION = "evaluation";

    public static final List<String> ALL = List.of(BACKTEST, EVALUATION);

    private JobKinds() {}
}
