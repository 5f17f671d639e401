package io.dgas.app.service;

import java.util.List;

/**
 * One page of a list: the items, the paging asked for, where the next page starts (null on the last page) and, for
 * lists counted in SQL, how many rows the whole list has ({@code total}, null when not counted). Uncounted lists are
 * read with one extra row, so no second counting statement is needed.
 */
public record Page<T>(
        List<T> items,
        int limit,
        int offset,
        Integer nextOffset,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Long total)
        implements java.io.Serializable {

    public Page(List<T> items, int limit, int offset, Integer nextOffset) {
        this(items, limit, offset, nextOffset, null);
    }

    /** The page of {@code rows} read with {@code limit} (no extra row) from a list of {@code total} rows. */
    public static <T> Page<T> counted(List<T> rows, int limit, int offset, long total) {
        return new Page<>(
                List.copyOf(rows), limit, offset, offset + rows.size() < total ? offset + limit : null, total);
    }

    /** The page at {@code offset} of a whole list held in memory, counted. */
    public static <T> Page<T> slice(List<T> all, int limit, int offset) {
        int from = Math.min(offset, all.size());
        return counted(all.subList(from, Math.min(all.size(), from + limit)), limit, offset, all.size());
    }

    /** The page of {@code rows} read with {@code limit + 1}: the extra row only says that more exist. */
    public static <T> Page<T> of(List<T> rows, int limit, int offset) {
        boolean more = rows.size() > limit;
        return new Page<>(
                List.copyOf(more ? rows.subList(0, limit) : rows), limit, offset, more ? offset + limit : null);
    }
}
