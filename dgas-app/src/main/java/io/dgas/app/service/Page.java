package io.dgas.app.service;

import java.util.List;

/**
 * One page of a list: the items, the paging asked for, and where the next page starts (null on the last page).
 * Read with one extra row, so no second counting statement is needed.
 */
public record Page<T>(List<T> items, int limit, int offset, Integer nextOffset) implements java.io.Serializable {

    /** The page of {@code rows} read with {@code limit + 1}: the extra row only says that more exist. */
    public static <T> Page<T> of(List<T> rows, int limit, int offset) {
        boolean more = rows.size() > limit;
        return new Page<>(
                List.copyOf(more ? rows.subList(0, limit) : rows), limit, offset, more ? offset + limit : null);
    }
}
