package io.dgas.calc.drummond;

import java.util.List;

/**
 * Confluence zones read by index, for what signal generation takes from them ({@link Signals#evaluate}, {@link
 * EntryPlan}, the §6 zone bonus) without making a {@link ConfluenceZone} of each: a {@link ZoneTable} reads its
 * compact rows; any other list is read through {@link #of}.
 *
 * <p>Contract: the indices {@code 0..size()-1} need not be in the zones' list order; {@link #before} gives that order
 * (a list's own order, the strongest-first order for a {@link ZoneTable}), so a reader that breaks ties by it picks
 * the zone the same reader would pick walking the list.
 */
interface ZoneRanks {
    int size();

    int strength(int i);

    double weight(int i);

    double level(int i);

    double lower(int i);

    double upper(int i);

    /** Zone {@code i} as a record. */
    ConfluenceZone zone(int i);

    /** Whether zone {@code a} comes before zone {@code b} in the list order. */
    boolean before(int a, int b);

    /** The heaviest weighted strength, 0 with no zone (Signals' zone gate and tier). */
    default double maxWeight() {
        double top = 0;
        for (int i = 0; i < size(); i++) {
            top = Math.max(top, weight(i));
        }
        return top;
    }

    /** The first zone in list order (the strongest), or -1 with none. */
    default int first() {
        int best = -1;
        for (int i = 0; i < size(); i++) {
            if (best < 0 || before(i, best)) {
                best = i;
            }
        }
        return best;
    }

    /** {@code zones} read by index: a {@link ZoneTable} itself, any other list in its own order. */
    static ZoneRanks of(List<ConfluenceZone> zones) {
        return zones instanceof ZoneTable t ? t : new Listed(zones);
    }

    /** A list read in its own order. */
    record Listed(List<ConfluenceZone> zones) implements ZoneRanks {
        @Override
        public int size() {
            return zones.size();
        }

        @Override
        public int strength(int i) {
            return zones.get(i).strength();
        }

        @Override
        public double weight(int i) {
            return zones.get(i).weightedStrength();
        }

        @Override
        public double level(int i) {
            return zones.get(i).level();
        }

        @Override
        public double lower(int i) {
            return zones.get(i).lower();
        }

        @Override
        public double upper(int i) {
            return zones.get(i).upper();
        }

        @Override
        public ConfluenceZone zone(int i) {
            return zones.get(i);
        }

        @Override
        public boolean before(int a, int b) {
            return a < b;
        }
    }
}
