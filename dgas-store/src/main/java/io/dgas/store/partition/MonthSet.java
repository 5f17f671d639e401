package io.dgas.store.partition;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The distinct UTC months of the rows of a load, collected while streaming. A load makes partitions for exactly these
 * months, never for the span between them: two rows decades apart make two partitions, not hundreds. Consecutive rows
 * of the same month (the usual file order) cost one comparison.
 */
public final class MonthSet {
    private final TreeSet<Integer> months = new TreeSet<>();
    private long lo = 1;
    private long hi = 0;

    /** Adds the month holding {@code micros} (epoch microseconds, UTC). */
    public void add(long micros) {
        if (micros >= lo && micros < hi) {
            return;
        }
        long secs = Math.floorDiv(micros, 1_000_000L);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
        YearMonth m = YearMonth.of(day.getYear(), day.getMonth());
        months.add(day.getYear() * 12 + day.getMonthValue() - 1);
        lo = startMicros(m);
        hi = startMicros(m.plusMonths(1));
    }

    /** Adds every month of {@code other}. */
    public void addAll(MonthSet other) {
        months.addAll(other.months);
    }

    public boolean isEmpty() {
        return months.isEmpty();
    }

    public int size() {
        return months.size();
    }

    /** The first day of each month, ascending. */
    public List<LocalDate> firstDays() {
        List<LocalDate> out = new ArrayList<>(months.size());
        for (int m : months) {
            out.add(LocalDate.of(Math.floorDiv(m, 12), Math.floorMod(m, 12) + 1, 1));
        }
        return out;
    }

    private static long startMicros(YearMonth m) {
        return m.atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }
}
