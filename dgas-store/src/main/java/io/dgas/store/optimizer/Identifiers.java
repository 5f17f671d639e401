package io.dgas.store.optimizer;

import io.dgas.Printable;
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

    /** {@link #resolveTable(SqlSession, String, boolean)} refusing system catalogs. */
    public static String resolveTable(SqlSession s, String userText) {
        return resolveTable(s, userText, false);
    }

    /**
     * Resolves a user-supplied table name ({@code table} or {@code schema.table}, matched exactly as stored) to its
     * quoted, schema-qualified form; tables, partitioned tables and materialized views of the current schema (or the
     * named one) only. A relation in a system schema ({@code pg_catalog}, {@code information_schema},
     * {@code pg_toast…}, as the catalog names them) is refused unless {@code allowSystem}.
     *
     * @throws UnableToResolveTableException when no such table exists, or it is a system catalog not allowed
     */
    public static String resolveTable(SqlSession s, String userText, boolean allowSystem) {
        String text = userText == null ? "" : userText.trim();
        int dot = text.indexOf('.');
        String schema = dot < 0 ? null : text.substring(0, dot);
        String table = dot < 0 ? text : text.substring(dot + 1);
        if (text.indexOf('\0') >= 0) { // PostgreSQL text cannot hold NUL: no such name can exist
            throw new UnableToResolveTableException("no table '" + Printable.of(text) + "' in the database");
        }
        String[] found = s.queryOne(
                        "optimizer.resolve-table",
                        "SELECT n.nspname, c.relname, n.nspname IN ('pg_catalog', 'information_schema')"
                                + " OR n.nspname LIKE 'pg\\_toast%' OR n.nspname LIKE 'pg\\_temp\\_%'"
                                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE c.relname = ? AND n.nspname = coalesce(?, current_schema())"
                                + " AND c.relkind IN ('r', 'p', 'm')",
                        ps -> {
                            ps.setString(1, table);
                            ps.setString(2, schema);
                        },
                        rs -> new String[] {rs.getString(1), rs.getString(2), Boolean.toString(rs.getBoolean(3))})
                .orElseThrow(() ->
                        new UnableToResolveTableException("no table '" + Printable.of(text) + "' in the database"));
        if (Boolean.parseBoolean(found[2]) && !allowSystem) {
            throw new UnableToResolveTableException(
                    "'" + text + "' is a system catalog (schema " + found[0] + "); maintaining it needs --system");
        }
        return quote(found[0]) + "." + quote(found[1]);
    }
}
