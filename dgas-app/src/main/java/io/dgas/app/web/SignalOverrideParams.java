package io.dgas.app.web;

import io.dgas.app.cycle.SignalOverrides;
import io.dgas.app.web.Param.Type;
import java.util.List;

/**
 * <b>[C]</b> The signal parameters a write may set for its own run, each defaulting to its {@code signals.*} key and
 * checked against the key's range, as the command line's options are: a cycle takes them in its query, a backtest in
 * its body.
 */
final class SignalOverrideParams {
    private SignalOverrideParams() {}

    static List<Param> params(boolean inBody) {
        return List.of(
                param(inBody, "entry_reach_atr", Type.NUMBER, "farthest entry zone level from the close, in ATR")
                        .range(1e-8, 100),
                param(inBody, "min_reward_risk", Type.NUMBER, "smallest reward:risk after the target cap")
                        .range(1e-8, 100),
                param(inBody, "expiry_bars", Type.INT, "trading bars in which an entry may fill")
                        .range(1, 10_000),
                param(inBody, "min_calibrated", Type.INT, "decided outcomes a score decile needs for a probability")
                        .range(1, 1_000_000));
    }

    static SignalOverrides overrides(Args a) {
        return new SignalOverrides(
                a.get("entry_reach_atr"), a.get("min_reward_risk"), a.get("expiry_bars"), a.get("min_calibrated"));
    }

    private static Param param(boolean inBody, String name, Type type, String what) {
        String description = "[C] " + what + " (default signals." + name + ")";
        return inBody ? Param.body(name, type, description) : Param.query(name, type, description);
    }
}
