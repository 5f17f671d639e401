package io.dgas.store.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;

/** Nullable column reads and binds shared by the ledger repositories. */
final class Cols {
    private Cols() {}

    static Double doubleOrNull(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static Instant instantOrNull(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        return rs.getTimestamp(col).toInstant();
    }

    static BigDecimal money(ResultSet rs, String col) throws SQLException {
        return rs.getBigDecimal(col);
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        ps.setTimestamp(i, v == null ? null : Timestamp.from(v));
    }

    static void setIds(PreparedStatement ps, int i, Collection<Long> ids) throws SQLException {
        ps.setArray(i, ps.getConnection().createArrayOf("bigint", ids.toArray()));
    }
}
