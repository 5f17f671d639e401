package io.dgas.app.web;

import io.dgas.app.service.BadInputException;
import io.dgas.app.web.Param.Type;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Sizing;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The paper rules a write takes in its body (sizing, slippage, commission), with the defaults of the command line's
 * {@code --sizing percent_equity:10 --slippage-bps 5}: a paper session's start and a backtest's run.
 */
final class PaperRuleParams {
    private PaperRuleParams() {}

    static List<Param> params() {
        return List.of(
                Param.body("sizing", Type.ENUM, "sizing rule")
                        .oneOf(Arrays.stream(Sizing.values()).map(Sizing::code).toList())
                        .withDefault("percent_equity"),
                Param.body("sizing_value", Type.NUMBER, "quantity, cash or percent of equity")
                        .withDefault("10")
                        .range(1e-8, 1e15),
                Param.body("slippage_bps", Type.NUMBER, "adverse slippage")
                        .withDefault("5")
                        .range(0, 9999),
                Param.body("commission_per_share", Type.NUMBER, "commission per unit")
                        .withDefault("0")
                        .range(0, 1e9),
                Param.body("commission_percent", Type.NUMBER, "commission in percent of a fill's notional")
                        .withDefault("0")
                        .range(0, 99.999999),
                Param.body("commission_minimum", Type.NUMBER, "least commission per fill")
                        .withDefault("0")
                        .range(0, 1e9));
    }

    /**
     * The rules of {@link #params}: every value is in its range already, so only the sizing value can still be refused
     * (a percentage above 100).
     */
    static PaperRules rules(Args a) {
        try {
            return new PaperRules(
                    Sizing.of(a.get("sizing")),
                    decimal(a.raw("sizing_value")),
                    a.get("slippage_bps"),
                    decimal(a.raw("commission_per_share")),
                    a.get("commission_percent"),
                    decimal(a.raw("commission_minimum")));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(
                    "sizing_value",
                    a.raw("sizing_value"),
                    e.getMessage(),
                    List.of("above 0, and at most 100 for percent_equity"));
        }
    }

    /** An amount from the raw parameter text (already checked to be a number in range), exactly as written. */
    static BigDecimal decimal(String raw) {
        return new BigDecimal(raw.trim());
    }
}
