package io.dgas.calc.drummond;

/**
 * Bit arithmetic over zone marks (a bit per window position that ends a zone, a bit per support line; bit k of a set
 * is bit k mod 64 of word k / 64), shared by the marks kept across bars ({@link ZoneMarks}) and the termination walk
 * ({@link TerminationDetector}), and the per-bar marking pass of the build before ({@link #markPass}), kept for
 * same-run comparisons.
 */
final class ZoneBits {
    private ZoneBits() {}

    /** 1 when x &lt; y (signed), without a branch and without overflow (Hacker's Delight 2-12). */
    static long less(long x, long y) {
        long d = x - y;
        return (d ^ ((x ^ y) & (d ^ x))) >>> 63;
    }

    /**
     * The marks of positions [from, to] derived from the window's {@link SortedLines#link}s at tolerance key {@code
     * tol}, bit j for position from + j, the last position marked as a zone end: the build before derived them so for
     * each bar's pass, keeping none. A straight-line loop; the zone-end bit is the sign of an integer difference (the
     * compare was compiled to a branch that mispredicted at zone ends, about 50 ns a bar).
     */
    static void markPass(SortedLines lines, int from, int to, long tol, long[] ends, long[] types) {
        int[] ids = lines.order;
        long[] link = lines.link;
        int len = to - from + 1;
        int words = (len + 63) >>> 6;
        // without a NaN the window is in ascending price order, so every link (a gap's key, or the largest long)
        // is ≥ 0; with tk ≥ −1, tk − link does not overflow and its sign bit is link > tolerance
        boolean monotone = !lines.hasNaN();
        long tk = Math.max(tol, -1L);
        for (int w = 0; w < words; w++) {
            long bits = 0;
            long support = 0;
            int base = from + (w << 6);
            int stop = Math.min(to, base + 63);
            if (monotone) {
                for (int k = base; k <= stop; k++) {
                    bits |= ((tk - link[k]) >>> 63) << (k - base);
                    support |= (long) (ids[k] & DrummondLines.SUPPORT) << (k - base);
                }
            } else {
                for (int k = base; k <= stop; k++) {
                    bits |= (link[k] <= tol ? 0L : 1L) << (k - base);
                    support |= (long) (ids[k] & DrummondLines.SUPPORT) << (k - base);
                }
            }
            ends[w] = bits;
            types[w] = support;
        }
        ends[(len - 1) >>> 6] |= 1L << ((len - 1) & 63);
    }

    /** Bits j of a word whose positions {@code base + j} lie in [a, b] (none when a &gt; b), without a branch. */
    static long range(int base, int a, int b) {
        int lo = Math.min(Math.max(a - base, 0), 64);
        int hi = Math.min(Math.max(b - base, -1), 63);
        long atLeast = (-1L << (lo & 63)) & ~(-(long) (lo >>> 6));
        long atMost = (-1L >>> ((63 - hi) & 63)) & ~(long) (hi >> 31);
        return atLeast & atMost;
    }

    /** The first position of the zone holding position {@code f}: one past the last end below it, or 0. */
    static int startOf(long[] ends, int f) {
        if (f <= 0) {
            return 0;
        }
        int w = (f - 1) >>> 6;
        long m = ends[w] & (-1L >>> (63 - ((f - 1) & 63)));
        while (m == 0 && w > 0) {
            m = ends[--w];
        }
        return m == 0 ? 0 : (w << 6) + 63 - Long.numberOfLeadingZeros(m) + 1;
    }

    /** The first zone end at or after position {@code s} (one must exist). */
    static int nextEnd(long[] ends, int s) {
        int w = s >>> 6;
        long m = ends[w] & (-1L << (s & 63));
        while (m == 0) {
            m = ends[++w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(m);
    }
}
