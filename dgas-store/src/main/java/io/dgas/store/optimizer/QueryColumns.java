package io.dgas.store.optimizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables and the columns a normalised statement filters, joins and sorts on, read from its text.
 *
 * <p>Design notes: a deliberately small tokenizer, not a SQL parser (Dexter parses with pg_query; we have no native
 * parser in Java). It records {@code table [AS] alias} after FROM, JOIN and commas in a FROM list, and in WHERE/ON
 * clauses every column reference compared by an operator ({@code =}, {@code IN}, {@code IS} → equality;
 * {@code < > <= >= BETWEEN LIKE} → range), plus the columns of ORDER BY. Anything it misreads is harmless: every
 * table and column is validated against the catalog before a candidate index is built, and a candidate only
 * survives if the planner's cost (or the statistics estimate) says it helps.
 */
public final class QueryColumns {
    /** How a column is used. */
    public enum Use {
        EQUALITY,
        RANGE,
        ORDER
    }

    /** A column reference; {@code qualifier} is the alias or table before the dot, or null. */
    public record Ref(String qualifier, String column, Use use) {}

    /** Tables by alias (a table without alias is listed under its own name) and the column references. */
    public record Parsed(Map<String, String> tables, List<Ref> refs) {}

    private static final Set<String> KEYWORDS = Set.of(
            "select",
            "from",
            "where",
            "and",
            "or",
            "not",
            "join",
            "inner",
            "left",
            "right",
            "full",
            "outer",
            "cross",
            "on",
            "using",
            "as",
            "order",
            "by",
            "group",
            "having",
            "limit",
            "offset",
            "in",
            "is",
            "null",
            "between",
            "like",
            "ilike",
            "asc",
            "desc",
            "nulls",
            "first",
            "last",
            "case",
            "when",
            "then",
            "else",
            "end",
            "exists",
            "any",
            "all",
            "distinct",
            "union",
            "with",
            "lateral",
            "true",
            "false",
            "interval",
            "for",
            "update",
            "returning",
            "insert",
            "into",
            "values",
            "set",
            "delete",
            "fetch",
            "only",
            "window",
            "natural",
            "except",
            "intersect",
            "current_date",
            "current_timestamp",
            "now");

    private QueryColumns() {}

    public static Parsed parse(String sql) {
        List<String> t = tokens(sql);
        Map<String, String> tables = new LinkedHashMap<>();
        List<Ref> refs = new ArrayList<>();
        String clause = "";
        boolean expectTable = false;
        for (int i = 0; i < t.size(); i++) {
            String tok = t.get(i);
            switch (tok) {
                case "from", "join" -> {
                    clause = tok;
                    expectTable = true;
                    continue;
                }
                case "where", "on", "having" -> {
                    clause = "where";
                    expectTable = false;
                    continue;
                }
                case "select", "group", "limit", "offset", "using", "returning", "union", "set" -> {
                    clause = tok;
                    expectTable = false;
                    continue;
                }
                case "order" -> {
                    if (i + 1 < t.size() && t.get(i + 1).equals("by")) {
                        clause = "order";
                        i++;
                        continue;
                    }
                }
                default -> {}
            }
            if (clause.equals("from") && tok.equals(",")) {
                expectTable = true;
                continue;
            }
            if (expectTable && isIdent(tok)) {
                String table = tok;
                int j = i + 1;
                if (j + 1 < t.size() && t.get(j).equals(".") && isIdent(t.get(j + 1))) {
                    table = t.get(j + 1); // schema-qualified: the catalog check is per current schema
                    j += 2;
                }
                if (j < t.size() && t.get(j).equals("(")) {
                    expectTable = false; // a function in FROM
                    continue;
                }
                String alias = table;
                if (j < t.size() && t.get(j).equals("as")) {
                    j++;
                }
                if (j < t.size() && isIdent(t.get(j))) {
                    alias = t.get(j);
                    j++;
                }
                tables.put(name(alias), name(table));
                tables.putIfAbsent(name(table), name(table));
                i = j - 1;
                expectTable = false;
                continue;
            }
            if (!clause.equals("where") && !clause.equals("order")) {
                continue;
            }
            if (!isIdent(tok) || (i + 1 < t.size() && t.get(i + 1).equals("("))) {
                continue;
            }
            String qualifier = null;
            String column = name(tok);
            int next = i + 1;
            if (next + 1 < t.size() && t.get(next).equals(".") && isIdent(t.get(next + 1))) {
                qualifier = name(tok);
                column = name(t.get(next + 1));
                next += 2;
            }
            if (i > 0 && (t.get(i - 1).equals(".") || t.get(i - 1).equals("::"))) {
                continue;
            }
            if (clause.equals("order")) {
                refs.add(new Ref(qualifier, column, Use.ORDER));
            } else {
                Use use = use(next < t.size() ? t.get(next) : "");
                if (use == null && i > 0) {
                    use = use(t.get(i - 1));
                }
                if (use != null) {
                    refs.add(new Ref(qualifier, column, use));
                }
            }
            i = next - 1;
        }
        return new Parsed(tables, refs);
    }

    private static Use use(String op) {
        return switch (op) {
            case "=", "in", "is" -> Use.EQUALITY;
            case "<", ">", "<=", ">=", "between", "like", "~~" -> Use.RANGE;
            default -> null;
        };
    }

    private static boolean isIdent(String tok) {
        if (tok.startsWith("\"")) {
            return true;
        }
        if (tok.isEmpty() || KEYWORDS.contains(tok)) {
            return false;
        }
        char c = tok.charAt(0);
        return Character.isLetter(c) || c == '_';
    }

    /** Lower-cased tokens; quoted identifiers keep their case (quotes removed); strings and comments dropped. */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        String s = sql == null ? "" : sql;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < s.length() && !(s.charAt(j) == '\'' && (j + 1 >= s.length() || s.charAt(j + 1) != '\''))) {
                    j += s.charAt(j) == '\'' ? 2 : 1;
                }
                out.add("'lit'");
                i = j + 1;
            } else if (c == '"') {
                int j = s.indexOf('"', i + 1);
                j = j < 0 ? s.length() : j;
                out.add("\"" + s.substring(i + 1, j));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else if (Character.isDigit(c) || c == '$') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add("$lit");
                i = j;
            } else if ("<>=!~".indexOf(c) >= 0) {
                int j = i;
                while (j < s.length() && "<>=!~".indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else if (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
                out.add("::");
                i += 2;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /** The identifier as stored in the catalog: quoted identifiers keep case, others are already lower case. */
    static String name(String token) {
        return token.startsWith("\"") ? token.substring(1) : token;
    }
}
