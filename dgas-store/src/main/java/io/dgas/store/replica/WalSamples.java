package io.dgas.store.replica;

/**
 * Recent readings of the primary's WAL position, each with the write mark current before it was taken, from which a
 * replica's replay position tells both which writes it holds and how far behind it is.
 *
 * <p>Design notes: a write is announced (its mark raised) after it commits, and a sample reads the mark before it
 * reads the position, so a sample of mark m was taken after every write announced up to m: a replica that has replayed
 * up to that sample's position holds them all ({@link #coveredMark}). Its lag is how long ago the primary had reached
 * the first position the replica has not ({@link #lagMillis}); a replica at or past the newest sample has no lag, even
 * on an idle primary, unlike {@code now() − pg_last_xact_replay_timestamp()}. Positions are LSNs as unsigned longs
 * (they never reach the sign bit in practice). A ring of {@code capacity} samples; older ones are forgotten (a replica
 * behind all of them is at least as old as the oldest).
 */
final class WalSamples {
    private final long[] marks;
    private final long[] positions;
    private final long[] times;
    private int size;
    private int next;

    WalSamples(int capacity) {
        marks = new long[capacity];
        positions = new long[capacity];
        times = new long[capacity];
    }

    /** Records a reading: {@code mark} current before {@code position} was read at {@code millis}. */
    synchronized void add(long mark, long position, long millis) {
        marks[next] = mark;
        positions[next] = position;
        times[next] = millis;
        next = (next + 1) % marks.length;
        size = Math.min(size + 1, marks.length);
    }

    /** The highest mark of a sample at or below {@code replayed}: every write announced up to it is replayed; -1: none. */
    synchronized long coveredMark(long replayed) {
        long covered = -1;
        for (int k = 0; k < size; k++) {
            if (Long.compareUnsigned(positions[k], replayed) <= 0) {
                covered = Math.max(covered, marks[k]);
            }
        }
        return covered;
    }

    /**
     * How long before {@code now} the primary had written what {@code replayed} lacks: 0 when it is at or past every
     * sample, else {@code now} minus the time of the oldest sample beyond it; -1 before any sample.
     */
    synchronized long lagMillis(long replayed, long now) {
        if (size == 0) {
            return -1;
        }
        long oldestBeyond = Long.MAX_VALUE;
        for (int k = 0; k < size; k++) {
            if (Long.compareUnsigned(positions[k], replayed) > 0) {
                oldestBeyond = Math.min(oldestBeyond, times[k]);
            }
        }
        return oldestBeyond == Long.MAX_VALUE ? 0 : Math.max(0, now - oldestBeyond);
    }

    /** An LSN in PostgreSQL's text form ({@code 16/B374D848}) as an unsigned long. */
    static long parseLsn(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'");
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
