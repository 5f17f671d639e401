package io.dgas.calc.drummond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A {@link ZoneTable} read by index (its rows in the order found, {@link ZoneTable#before} standing for the list
 * order) gives what the same zones give as a strongest-first list walked in order: the list itself, the top zone's
 * bonus, the heaviest weight and the entry plan, ties included (few distinct levels, bounds and weights).
 */
class ZoneTableTest {
    @Test
    void readsByIndex_randomRowsWithTies_equalTheStrongestFirstListWalkedInOrder() {
        SplittableRandom r = new SplittableRandom(11);
        SignalParams p = new SignalParams(0.6, 0.5, 1.5, 2.0, 1.0, 2, 14, 3600, 86_400, 2.0, 1.0, 5, 30);
        int plans = 0;
        int tiedPicks = 0;
        for (int trial = 0; trial < 5000; trial++) {
            int n = r.nextInt(12);
            ZoneTable.Rows rows = new ZoneTable.Rows();
            List<ConfluenceZone> found = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int type = r.nextInt(3);
                double lo = 98 + r.nextInt(9) * 0.5;
                double hi = lo + r.nextInt(3) * 0.5;
                double level = (lo + hi) / 2;
                int strength = 2 + r.nextInt(2);
                double weight = 1 + r.nextInt(4) * 0.75;
                rows.add(type, level, lo, hi, strength, weight);
                found.add(new ConfluenceZone(type, level, lo, hi, strength, weight));
            }
            ZoneTable table = rows.table();
            List<ConfluenceZone> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ConfluenceZone::strength)
                    .thenComparingDouble(ConfluenceZone::weightedStrength)
                    .reversed());
            assertThat(table).as("trial " + trial).isEqualTo(sorted);
            ZoneRanks listed = ZoneRanks.of(sorted);
            assertThat(MultiTimeframe.zoneBonus(table)).isEqualTo(MultiTimeframe.zoneBonus(listed));
            assertThat(table.maxWeight()).isEqualTo(listed.maxWeight());
            int first = table.first();
            assertThat(first < 0 ? null : table.zone(first)).isEqualTo(sorted.isEmpty() ? null : sorted.get(0));
            double close = 100 + r.nextInt(5) * 0.25;
            for (int dir = -1; dir <= 1; dir += 2) {
                EntryPlan expected = EntryPlan.of(sorted, dir, close, 1.0, p);
                assertThat(EntryPlan.of((ZoneRanks) table, dir, close, 1.0, p))
                        .as("trial " + trial)
                        .isEqualTo(expected);
                plans += expected == null ? 0 : 1;
                if (expected != null && sorted.indexOf(expected.zone()) != sorted.lastIndexOf(expected.zone())) {
                    tiedPicks++;
                }
            }
        }
        assertThat(plans).as("plans must occur to mean anything").isGreaterThan(1000);
        assertThat(tiedPicks).as("equal zones must compete for the entry").isGreaterThan(10);
    }
}
