package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** drummond.md §7 [C]: zone role by price, entry within reach, target cap, valid when issued. */
class EntryPlanTest {
    private static final SignalParams P = SignalParams.defaults();
    private static final double CLOSE = 100.0;
    private static final double ATR = 1.0; // reach 2.0, buffer max(1.5, 0.1) = 1.5

    private static ConfluenceZone zone(int type, double lower, double upper, double weight) {
        return new ConfluenceZone(type, (lower + upper) / 2, lower, upper, 2, weight);
    }

    @Test
    void role_byPriceNotLineType_supportAboveCloseIsResistance() {
        assertThat(zone(ConfluenceZone.SUPPORT, 101, 102, 3).role(CLOSE)).isEqualTo(ZoneRole.RESISTANCE);
        assertThat(zone(ConfluenceZone.RESISTANCE, 98, 99, 3).role(CLOSE)).isEqualTo(ZoneRole.SUPPORT);
        assertThat(zone(ConfluenceZone.PIVOT, 99, 100, 3).role(CLOSE)).isEqualTo(ZoneRole.AT_PRICE);
        assertThat(zone(ConfluenceZone.PIVOT, 100, 101, 3).role(CLOSE)).isEqualTo(ZoneRole.AT_PRICE);
    }

    @Test
    void of_long_takesNearestZoneWithinReachNotTheStrongest() {
        ConfluenceZone strongFar = zone(ConfluenceZone.SUPPORT, 94, 95, 9.0); // level 94.5: 5.5 ATR away
        ConfluenceZone near = zone(ConfluenceZone.RESISTANCE, 98.6, 99.0, 2.5); // level 98.8: 1.2 ATR, any type
        EntryPlan plan = EntryPlan.of(List.of(strongFar, near), 1, CLOSE, ATR, P);
        assertThat(plan.zone()).isEqualTo(near);
        assertThat(plan.entry()).isCloseTo(98.8, within(1e-12));
        assertThat(plan.stop()).isCloseTo(98.6 - 1.5, within(1e-12));
        assertThat(plan.target()).isCloseTo(98.8 + 2 * (98.8 - 97.1), within(1e-12));
    }

    @Test
    void of_longWithOnlyASupportTypedZoneAboveTheClose_noPlan() {
        // the demo's "support at 611 over a market at 536": above the close it is resistance, never a LONG entry
        ConfluenceZone above = zone(ConfluenceZone.SUPPORT, 100.5, 101.0, 5.0);
        assertThat(EntryPlan.of(List.of(above), 1, CLOSE, ATR, P)).isNull();
        EntryPlan shortPlan = EntryPlan.of(List.of(above), -1, CLOSE, ATR, P);
        assertThat(shortPlan.entry()).isCloseTo(100.75, within(1e-12));
        assertThat(shortPlan.stop()).isCloseTo(101.0 + 1.5, within(1e-12));
        assertThat(shortPlan.target()).isCloseTo(100.75 - 2 * (102.5 - 100.75), within(1e-12));
    }

    @Test
    void of_zoneContainingTheClose_entersAtMarket() {
        ConfluenceZone at = zone(ConfluenceZone.SUPPORT, 99.5, 100.9, 3.0); // level 100.2 above the close
        EntryPlan plan = EntryPlan.of(List.of(at), 1, CLOSE, ATR, P);
        assertThat(plan.entry()).isEqualTo(CLOSE);
        assertThat(plan.stop()).isCloseTo(99.5 - 1.5, within(1e-12));
    }

    @Test
    void of_zoneBeyondReachOrTooLight_noPlan() {
        ConfluenceZone far = zone(ConfluenceZone.SUPPORT, 97.8, 97.9, 3.0); // level 97.85: 2.15 > reach 2.0
        ConfluenceZone light = zone(ConfluenceZone.SUPPORT, 99.0, 99.2, 2.4);
        assertThat(EntryPlan.of(List.of(far, light), 1, CLOSE, ATR, P)).isNull();
        assertThat(EntryPlan.of(List.of(far), 1, CLOSE, Double.NaN, P)).isNull();
    }

    @Test
    void of_opposingZoneBelowTarget_capsTargetAtItsNearEdge() {
        ConfluenceZone entryZone = zone(ConfluenceZone.SUPPORT, 99.0, 99.4, 3.0); // entry 99.2, stop 97.5
        ConfluenceZone opposing = zone(ConfluenceZone.PIVOT, 102.0, 102.5, 2.5); // uncapped target 102.6
        EntryPlan plan = EntryPlan.of(List.of(opposing, entryZone), 1, CLOSE, ATR, P);
        assertThat(plan.capped()).isTrue();
        assertThat(plan.opposing()).isEqualTo(opposing);
        assertThat(plan.target()).isEqualTo(102.0);
        assertThat(plan.rewardRisk()).isCloseTo((102.0 - 99.2) / (99.2 - 97.5), within(1e-12));
    }

    @Test
    void of_capLeavesRewardRiskBelowMinimum_noPlan() {
        ConfluenceZone entryZone = zone(ConfluenceZone.SUPPORT, 99.0, 99.4, 3.0); // risk 1.7
        ConfluenceZone opposing = zone(ConfluenceZone.RESISTANCE, 101.5, 102.0, 2.5); // reward 2.3 < 1.5 × 1.7
        assertThat(EntryPlan.of(List.of(entryZone, opposing), 1, CLOSE, ATR, P)).isNull();
    }

    @Test
    void of_tinyRewardRiskParameter_targetAtOrBelowCloseIsNeverIssued() {
        // reward:risk 0.5: stop 98.2 − 1.5 = 96.7, target = 98.3 + 0.5 × 1.6 = 99.1 < close 100: already traded
        SignalParams p = new SignalParams(0.6, 0.5, 1.5, 0.5, 2.5, 2, 14, 3600, 86_400, 2.0, 0.0, 5, 30);
        ConfluenceZone z = zone(ConfluenceZone.SUPPORT, 98.2, 98.4, 3.0);
        assertThat(EntryPlan.of(List.of(z), 1, CLOSE, ATR, p)).isNull();
        assertThat(EntryPlan.validAtIssue(1, 96.7, 98.3, CLOSE, 99.1)).isFalse();
        assertThat(EntryPlan.validAtIssue(1, 96.7, 98.3, CLOSE, 101.5)).isTrue();
        assertThat(EntryPlan.validAtIssue(-1, 103.2, 101.7, CLOSE, 98.3)).isTrue();
    }
}
