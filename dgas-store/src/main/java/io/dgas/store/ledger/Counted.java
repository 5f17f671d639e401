package io.dgas.store.ledger;

import io.dgas.store.SqlSession;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a list with the number of rows the whole list has, read in one statement: the count, then the page
 * joined to it laterally (so that a page past the end still answers the total).
 */
public record Counted<T>(List<T> items, long total) implements Serializable {

    /**
     * The statement reading a page and its total: {@code count} is a {@code SELECT count(*) AS total …}, {@code page}
     * a {@code SELECT … LIMIT ? OFFSET ?} whose first column is the row id, {@code order} its ORDER BY over {@code p.}
     * columns (a lateral join does not keep the subquery's order). Bind the count's parameters first.
     */
    static String sql(String count, String page, String order) {
        return "SELECT c.total, p.* FROM (" + count + ") c LEFT JOIN LATERAL (" + page + ") p ON true ORDER BY "
                + order;
    }

    /** Runs {@link #sql} statement {@code sql}, mapping each page row with {@code mapper}. */
    static <T> Counted<T> read(
            SqlSession s, String name, String sql, SqlSession.Binder binder, SqlSession.RowMapper<T> mapper) {
        long[] total = {0};
        List<T> items = new ArrayList<>();
        s.query(name, sql, binder, rs -> {
            total[0] = rs.getLong("total");
            if (rs.getObject(2) != null) {
                items.add(mapper.map(rs));
            }
            return Boolean.TRUE;
        });
        return new Counted<>(List.copyOf(items), total[0]);
    }
}
