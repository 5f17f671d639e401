package io.dgas.store.bars;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Collects the rows of a catch-up read ({@link BarRepository#sinceInSpan}, {@link BarRepository#sinceForSymbols})
 * straight into primitive columns: each row's key (a symbol id, or the request's ordinal) is found among the requested
 * ones by binary search, rows of other symbols, before their series' {@code since} or beyond its {@code limit} are
 * dropped, and the kept rows are grouped by request at the end (a stable
 * counting sort, so each group keeps the read's ts order). Nothing is allocated per row or per series.
 */
final class SpanReader {
    private final long[] sortedIds;
    /** The request index of {@code sortedIds[k]}. */
    private final int[] requestOf;

    private final long[] since;
    private final int limit;
    private final int[] count;
    /** The rows kept, in read order; {@link #owner} holds each one's request. */
    private final ColumnsBuilder kept;

    private int[] owner;

    /**
     * @param ids the key of each requested series (distinct)
     * @param since per request, the oldest bar wanted (epoch seconds)
     */
    SpanReader(long[] ids, long[] since, int limit) {
        if (ids.length != since.length) {
            throw new IllegalArgumentException(ids.length + " ids for " + since.length + " since values");
        }
        int m = ids.length;
        sortedIds = ids.clone();
        Arrays.sort(sortedIds);
        requestOf = new int[m];
        for (int k = 1; k < m; k++) {
            if (sortedIds[k] == sortedIds[k - 1]) {
                throw new IllegalArgumentException("key " + sortedIds[k] + " requested twice");
            }
        }
        for (int i = 0; i < m; i++) {
            requestOf[Arrays.binarySearch(sortedIds, ids[i])] = i;
        }
        this.since = since;
        this.limit = limit;
        this.count = new int[m];
        int capacity = Math.max(16, 2 * m);
        owner = new int[capacity];
        // no symbol or timeframe: its rows are regrouped by request (build), never built into columns of their own
        kept = new ColumnsBuilder(null, null, capacity);
    }

    /** The oldest {@code since}: where the span starts. */
    long from() {
        long from = Long.MAX_VALUE;
        for (long s : since) {
            from = Math.min(from, s);
        }
        return from;
    }

    /** Adds the row at {@code rs}: columns key, ts epoch, open, high, low, close, volume. */
    void add(ResultSet rs) throws SQLException {
        int k = Arrays.binarySearch(sortedIds, rs.getLong(1));
        if (k < 0) {
            return;
        }
        int i = requestOf[k];
        long t = rs.getLong(2);
        if (count[i] >= limit || t < since[i]) {
            return;
        }
        int n = kept.size();
        if (n == owner.length) {
            owner = Arrays.copyOf(owner, 2 * n);
        }
        owner[n] = i;
        kept.add(t, rs, 3);
        count[i]++;
    }

    /** The rows kept, grouped by request. */
    SpanRows build() {
        int m = count.length;
        int[] start = new int[m + 1];
        for (int i = 0; i < m; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int[] next = Arrays.copyOf(start, m);
        int n = kept.size();
        long[] t = new long[n];
        double[][] c = new double[5][n];
        for (int r = 0; r < n; r++) {
            int at = next[owner[r]]++;
            t[at] = kept.ts(r);
            for (int col = 0; col < 5; col++) {
                c[col][at] = kept.value(col, r);
            }
        }
        return new SpanRows(t, c[0], c[1], c[2], c[3], c[4], start);
    }
}
