package io.dgas.app.trading;

import io.dgas.ledger.Execution;
import java.math.BigDecimal;

/**
 * What a bar did to a pending order it reached.
 *
 * @param execution the fill, or {@code null} when a limit left nothing to fill
 * @param cappedBy the limit ({@code max_position_value}, {@code max_gross_exposure}, {@code max_loss_per_day}) or
 *     {@code max_participation} that cut the fill short or refused it; {@code null} when it filled in full
 * @param kept what is left of the order after this bar, waiting for later bars: all of what was left when refused,
 *     zero when it filled in full
 */
public record FillResult(Execution execution, String cappedBy, BigDecimal kept) {
    /** Whether a session limit (not the volume cap) cut or refused the fill. */
    public boolean limitBreached() {
        return cappedBy != null && !PaperBook.PARTICIPATION.equals(cappedBy);
    }
}
