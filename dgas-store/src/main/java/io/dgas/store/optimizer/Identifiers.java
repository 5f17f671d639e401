package io.dgas.store.optimizer;

import io.dgas.store.SqlSession;

/**
 * Identifier handling for statements that cannot take bind parameters (DDL, VACUUM, ANALYZE): names typed by a user
 * are resolved against the catalog first, and only the catalog's own spelling, quoted, ever reaches SQL text.
 */
public final class Identifiers {
    private Identifiers() {}

    /** {@code name} as a double-quoted SQL identifier (embedded quotes doubled). */
    public static String quote(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad identifier");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * Resolves a user-supplied table name ({@code table} or {@code schema.table}, matched exactly as stored) to its
     * quoted, schema-qualified form; tables, partitioned tables and materialized views of the current schema (or the
     * named one) only.
     *
     * @throws UnableToResolveTableException when no such table exists
     */
    public static String resolveTable(SqlSession s, String userText) {
        String text = userText == null ? "" : userText.trim();
        int dot = text.indexOf('.');
        String schema = dot < 0 ? null : text.substring(0, dot);
        String table = dot < 0 ? text : text.substring(dot + 1);
        return s.queryOne(
                        "optimizer.resolve-table",
                        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE c.relname = ? AND n.nspname = coalesce(?, current_schema())"
                                + " AND c.relkind IN ('r', 'p', 'm')",
                        ps -> {
                            ps.setString(1, table);
                            ps.setString(2, schema);
                        },
                        rs -> quote(rs.getString(1)) + "." + quote(rs.getString(2)))
                .orElseThrow(() -> new UnableToResolveTableException("no table '" + text + "' in the database"));
    }
}
