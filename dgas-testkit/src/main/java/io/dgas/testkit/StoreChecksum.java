package io.dgas.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fingerprint of the market-data store: md5 of every row of {@code bars}, {@code ticks} and {@code symbols} in key
 * order, and of the list of partitions with their bounds. Equal before and after a failed load proves it changed
 * nothing, not even an empty partition. For test-sized databases (the rows are aggregated in one string).
 */
public final class StoreChecksum {
    private static final String SQL = "SELECT md5(coalesce((SELECT string_agg(b::text, '|' ORDER BY b.symbol_id,"
            + " b.timeframe, b.ts) FROM bars b), '')) || ' ' || md5(coalesce((SELECT string_agg(t::text, '|' ORDER BY"
            + " t.symbol_id, t.ts, t.seq) FROM ticks t), '')) || ' ' || md5(coalesce((SELECT string_agg(y::text, '|'"
            + " ORDER BY y.id) FROM symbols y), '')) || ' ' || md5(coalesce((SELECT string_agg(c.relname || ' '"
            + " || pg_get_expr(c.relpartbound, c.oid), '|' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c"
            + " ON c.oid = i.inhrelid), ''))";

    private StoreChecksum() {}

    /** The fingerprint of the database at {@code jdbcUrl}. */
    public static String of(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(SQL)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store checksum: " + e.getMessage(), e);
        }
    }

    /** How many partitions {@code parent} has. */
    public static long partitions(String jdbcUrl, String parent) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                var ps = c.prepareStatement("SELECT count(*) FROM pg_inherits WHERE inhparent = ?::regclass")) {
            ps.setString(1, parent);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count partitions: " + e.getMessage(), e);
        }
    }
}
