package io.dgas.calc.drummond;

/** Takes one timeframe's Drummond zones as confluence candidates (drummond.md §6), in ascending price order. */
interface ZoneSink {
    /** Adds one Drummond zone of one timeframe ({@code type} a {@link DrummondLines} type). */
    void addZone(int timeframe, double tfWeight, double center, double lower, double upper, int type, int strength);

    /** Adds every Drummond zone of one timeframe. */
    default void addZones(int timeframe, double tfWeight, ZoneSet zones) {
        for (int k = 0; k < zones.size(); k++) {
            addZone(
                    timeframe,
                    tfWeight,
                    zones.center()[k],
                    zones.lower()[k],
                    zones.upper()[k],
                    zones.type()[k],
                    zones.strength()[k]);
        }
    }
}
