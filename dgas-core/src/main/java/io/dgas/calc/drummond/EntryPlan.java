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
 * inequalities stop < entry ≤ c < target fail. Makes zone records only when it returns a plan.
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
        return of(ZoneRanks.of(zones), dir, close, atr, p);
    }

    /**
     * {@link #of(List, int, double, double, SignalParams)} of the zones read by index; ties are broken by their list
     * order ({@link ZoneRanks#before}), as walking the list breaks them.
     */
    static EntryPlan of(ZoneRanks zones, int dir, double close, double atr, SignalParams p) {
        double reach = p.entryReachAtr() * atr;
        int zone = -1;
        double best = Double.POSITIVE_INFINITY;
        int opposing = -1;
        double nearestOpposing = Double.POSITIVE_INFINITY;
        for (int k = 0; k < zones.size(); k++) {
            double w = zones.weight(k);
            if (w < p.minZoneWeight()) {
                continue;
            }
            double lower = zones.lower(k);
            double upper = zones.upper(k);
            ZoneRole role = ZoneRole.of(lower, upper, close);
            if (role == (dir > 0 ? ZoneRole.RESISTANCE : ZoneRole.SUPPORT)) {
                double d = dir > 0 ? lower - close : close - upper;
                if (d < nearestOpposing || (d == nearestOpposing && opposing >= 0 && zones.before(k, opposing))) {
                    nearestOpposing = d;
                    opposing = k;
                }
                continue;
            }
            double d = Math.max(0.0, dir * (close - zones.level(k)));
            if (d <= reach && (d < best || (d == best && zone >= 0 && heavierOrBefore(zones, k, zone)))) {
                best = d;
                zone = k;
            }
        }
        if (zone < 0) {
            return null;
        }
        return plan(zones, zone, opposing, dir, close, atr, reach, p);
    }

    /** Whether zone {@code k} is heavier than zone {@code than}, or as heavy and before it in the list. */
    private static boolean heavierOrBefore(ZoneRanks zones, int k, int than) {
        double a = zones.weight(k);
        double b = zones.weight(than);
        return a > b || (a == b && zones.before(k, than));
    }

    /** The plan entering at zone {@code z} with the opposing zone {@code o} (-1: none), or null. */
    private static EntryPlan plan(
            ZoneRanks zones, int z, int o, int dir, double close, double atr, double reach, SignalParams p) {
        double level = zones.level(z);
        double entry = dir > 0 ? Math.min(level, close) : Math.max(level, close);
        double buffer = Math.max(p.stopMultiplier() * atr, 0.001 * Math.abs(entry));
        double stop = dir > 0 ? zones.lower(z) - buffer : zones.upper(z) + buffer;
        double target = entry + p.rewardRisk() * (entry - stop);
        boolean capped = false;
        if (o >= 0) {
            double edge = dir > 0 ? zones.lower(o) : zones.upper(o);
            if (dir * (target - edge) > 0) {
                target = edge;
                capped = true;
            }
        }
        if (!validAtIssue(dir, stop, entry, close, target) || (target - entry) / (entry - stop) < p.minRewardRisk()) {
            return null;
        }
        return new EntryPlan(zones.zone(z), o < 0 ? null : zones.zone(o), entry, stop, target, buffer, reach, capped);
    }

    /** LONG (dir > 0): stop < entry ≤ close < target; SHORT: stop > entry ≥ close > target. */
    static boolean validAtIssue(int dir, double stop, double entry, double close, double target) {
        return dir * (entry - stop) > 0 && dir * (close - entry) >= 0 && dir * (target - close) > 0;
    }
}
