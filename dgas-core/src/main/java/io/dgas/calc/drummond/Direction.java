package io.dgas.calc.drummond;

/** Directions are stored as ints: +1 up, −1 down, 0 neutral/none. */
public final class Direction {
    public static final int UP = 1;
    public static final int DOWN = -1;
    public static final int NEUTRAL = 0;

    private Direction() {}

    /** "up", "down" or "neutral". */
    public static String code(int d) {
        return d > 0 ? "up" : d < 0 ? "down" : "neutral";
    }

    /** Slope class: "rising", "falling" or "horizontal". */
    public static String slopeCode(int d) {
        return d > 0 ? "rising" : d < 0 ? "falling" : "horizontal";
    }
}
