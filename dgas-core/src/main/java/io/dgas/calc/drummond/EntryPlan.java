package io.dgas.calc.drummond;

import java.util.List;

/**
 * <b>[C]</b> Entry, stop and target of an entry signal (drummond.md §7), from the confluence zones by their role at
 * the close c.
 *
 * <p>Contract (LONG; SHORT mirrors every side): the entry zone is the nearest zone with weighted strength ≥ the minimum
 * whose role is support or at price and whose level is within reach (c − level ≤ reach = entry_reach_atr × ATR),
 * nearest by c − entry, ties to the heavier then the earlier zone; entry = min(level, c). Buffer = max(stop multiplier
 * × ATR, 0.001 × |entry|); stop = zone lower − buffer; target = entry + reward:risk × (entry − stop), capped at the
 * lower bound of the nearest resistance zone (role by price, weighted strength ≥ the minimum) when that lies below it.
 * No plan when ATR is NaN, no zone is within reach, the reward:risk left is below the minimum, or the issue-time
 * inequalities stop < entry ≤ c < target fail. Allocates only when it returns a plan.
 *
 * @param zone entry zone
 * @param opposing nearest opposing zone, or null
 * @param entry entry level
 * @param stop stop level
 * @param target target level
 * @param buffer stop buffer
 * @param reach entry reach
 * @param capped whether the opposing zone capped the target
 */
record EntryPlan(
        ConfluenceZone zone,
        ConfluenceZone opposing,
        double entry,
        double stop,
        double target,
        double buffer,
        double reach,
        boolean capped) {

    /** (target − entry) / (entry − stop), the same for both sides. */
    double rewardRisk() {
        return (target - entry) / (entry - stop);
    }

    static EntryPlan of(List<ConfluenceZone> zones, int dir, double close, double atr, SignalParams p) {
        double reach = p.entryReachAtr() * atr;
        ConfluenceZone zone = null;
        double best = Double.POSITIVE_INFINITY;
        ConfluenceZone opposing = null;
        double nearestOpposing = Double.POSITIVE_INFINITY;
        for (int k = 0; k < zones.size(); k++) {
            ConfluenceZone z = zones.get(k);
            if (z.weightedStrength() < p.minZoneWeight()) {
                continue;
            }
            ZoneRole role = z.role(close);
            if (role == (dir > 0 ? ZoneRole.RESISTANCE : ZoneRole.SUPPORT)) {
                double d = dir > 0 ? z.lower() - close : close - z.upper();
                if (d < nearestOpposing) {
                    nearestOpposing = d;
                    opposing = z;
                }
                continue;
            }
            double d = Math.max(0.0, dir * (close - z.level()));
            boolean heavier = zone != null && z.weightedStrength() > zone.weightedStrength();
            if (d <= reach && (d < best || (d == best && heavier))) {
                best = d;
                zone = z;
            }
        }
        if (zone == null) {
            return null;
        }
        double entry = dir > 0 ? Math.min(zone.level(), close) : Math.max(zone.level(), close);
        double buffer = Math.max(p.stopMultiplier() * atr, 0.001 * Math.abs(entry));
        double stop = dir > 0 ? zone.lower() - buffer : zone.upper() + buffer;
        double target = entry + p.rewardRisk() * (entry - stop);
        boolean capped = false;
        if (opposing != null) {
            double edge = dir > 0 ? opposing.lower() : opposing.upper();
            if (dir * (target - edge) > 0) {
                target = edge;
                capped = true;
            }
        }
        if (!validAtIssue(dir, stop, entry, close, target) || (target - entry) / (entry - stop) < p.minRewardRisk()) {
            return null;
        }
        return new EntryPlan(zone, opposing, entry, stop, target, buffer, reach, capped);
    }

    /** LONG (dir > 0): stop < entry ≤ close < target; SHORT: stop > entry ≥ close > target. */
    static boolean validAtIssue(int dir, double stop, double entry, double close, double target) {
        return dir * (entry - stop) > 0 && dir * (close - entry) >= 0 && dir * (target - close) > 0;
    }
}
