package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import java.time.Duration;
import java.util.List;

/**
 * What a cycle runs over.
 *
 * @param symbols tickers, or null for the active universe
 * @param htf higher timeframe
 * @param trading trading timeframe ({@code htf} must be {@link Timeframe#isHigherOver higher over} it)
 * @param lookback trading bars per symbol [200]; the same number of higher-timeframe bars is loaded
 * @param staleAfter a series whose newest bar ended longer ago than this is stale
 */
public record CycleRequest(List<String> symbols, Timeframe htf, Timeframe trading, int lookback, Duration staleAfter) {
    public CycleRequest {
        htf.requireHigherOver(trading);
        if (lookback < 3) {
            throw new IllegalArgumentException("lookback must be at least 3 bars, was " + lookback);
        }
    }

    /** Stale after three trading bars without news, but never less than a long weekend for daily data. */
    public static Duration defaultStaleAfter(Timeframe trading) {
        Duration three = Duration.ofSeconds(3 * trading.seconds());
        return trading.seconds() >= Timeframe.D1.seconds() ? three.plusDays(2) : three;
    }
}
