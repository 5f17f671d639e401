package io.dgas.store.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import io.dgas.store.UnableToExecuteStatementException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alert rules and the alert log. Writing a batch of log rows is one statement whatever its size. */
public final class AlertRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RULE_COLS = "r.id, r.name, y.ticker, r.rule_type, r.condition, r.threshold,"
            + " r.params::text, r.cooldown_seconds, r.active, r.last_triggered_at";

    private final Database db;

    public AlertRepository(Database db) {
        this.db = db;
    }

    /** Adds a rule; its symbol and every symbol of its set must exist, as stored (upper case). Returns the new id. */
    public long add(AlertRule r) {
        requireSymbols(r);
        String paramsJson = paramsJson(r);
        try {
            return db.queryOne(
                            "alerts.rule-add",
                            "INSERT INTO alert_rules (name, symbol_id, rule_type, condition, threshold, params,"
                                    + " cooldown_seconds, active) SELECT ?, (SELECT id FROM symbols WHERE ticker = ?"
                                    + " AND deleted_at IS NULL), ?, ?, ?, ?::jsonb, ?, ? RETURNING id",
                            ps -> bindRule(ps, r, paramsJson),
                            rs -> rs.getLong(1))
                    .orElseThrow();
        } catch (UnableToExecuteStatementException e) {
            throw duplicateName(r, e);
        }
    }

    /**
     * Replaces every field of rule {@code id} but its history ({@code last_triggered_at}) with those of {@code r};
     * the same checks as {@link #add}. Returns false when there is no such rule.
     */
    public boolean update(long id, AlertRule r) {
        requireSymbols(r);
        String paramsJson = paramsJson(r);
        try {
            return db.update(
                            "alerts.rule-update",
                            "UPDATE alert_rules SET name = ?, symbol_id = (SELECT id FROM symbols WHERE ticker = ?"
                                    + " AND deleted_at IS NULL), rule_type = ?, condition = ?, threshold = ?,"
                                    + " params = ?::jsonb, cooldown_seconds = ?, active = ?, updated_at = now()"
                                    + " WHERE id = ?",
                            ps -> {
                                bindRule(ps, r, paramsJson);
                                ps.setLong(9, id);
                            })
                    == 1;
        } catch (UnableToExecuteStatementException e) {
            throw duplicateName(r, e);
        }
    }

    private static void bindRule(java.sql.PreparedStatement ps, AlertRule r, String paramsJson) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.symbol());
        ps.setString(3, r.type().code());
        ps.setString(4, r.condition().code());
        ps.setDouble(5, r.threshold());
        ps.setString(6, paramsJson);
        ps.setInt(7, r.cooldownSeconds());
        ps.setBoolean(8, r.active());
    }

    private static RuntimeException duplicateName(AlertRule r, UnableToExecuteStatementException e) {
        if (String.valueOf(e.getMessage()).contains("alert_rules_name_key")) {
            return new InvalidRuleException("name", r.name(), "an alert rule named '" + r.name() + "' exists already");
        }
        return e;
    }

    private void requireSymbols(AlertRule r) {
        List<String> watched = new ArrayList<>(r.symbols());
        if (r.symbol() != null) {
            watched.add(0, r.symbol());
        }
        db.queryOne(
                        "alerts.symbol-unknown",
                        "SELECT t FROM unnest(?::text[]) WITH ORDINALITY AS u(t, ord) WHERE NOT EXISTS"
                                + " (SELECT 1 FROM symbols WHERE ticker = u.t AND deleted_at IS NULL) ORDER BY ord"
                                + " LIMIT 1",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", watched.toArray())),
                        rs -> rs.getString(1))
                .ifPresent(t -> {
                    throw new InvalidRuleException(
                            r.symbols().contains(t) ? "symbols" : "symbol",
                            t,
                            "unknown symbol '" + t + "' (ingest its bars first)");
                });
    }

    private static String paramsJson(AlertRule r) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("timeframe", r.timeframe());
        params.put("bars", r.bars());
        params.put("lookback", r.lookback());
        params.put("symbols", r.symbols());
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rules, active ones only when {@code activeOnly}. */
    /** Alert log entries since {@code since} by delivery status ({@code sent}, {@code failed}, …); absent ones: 0. */
    public Map<String, Long> deliveries(Instant since) {
        Map<String, Long> m = new java.util.TreeMap<>();
        db.query(
                        "alerts.deliveries",
                        "SELECT delivery_status, count(*) FROM alert_logs WHERE ts >= ? AND deleted_at IS NULL"
                                + " GROUP BY delivery_status",
                        ps -> ps.setTimestamp(1, java.sql.Timestamp.from(since)),
                        rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public List<AlertRule> rules(boolean activeOnly) {
        return db.query(
                "alerts.rules",
                "SELECT " + RULE_COLS + " FROM alert_rules r LEFT JOIN symbols y ON y.id = r.symbol_id"
                        + (activeOnly ? " WHERE r.active" : "") + " ORDER BY r.id",
                SqlSession.Binder.NONE,
                AlertRepository::rule);
    }

    /**
     * Removes the rule with id {@code id}. A rule with log entries is deactivated instead (the log is audit history and
     * references it). Returns "removed", "deactivated" or "not found".
     */
    public String remove(long id) {
        return db.inTransaction(s -> remove(s, id));
    }

    private static String remove(SqlSession s, long id) throws SQLException {
        boolean logged = s.queryOne(
                        "alerts.rule-logged",
                        "SELECT EXISTS (SELECT 1 FROM alert_logs WHERE rule_id = ?)",
                        ps -> ps.setLong(1, id),
                        rs -> rs.getBoolean(1))
                .orElse(false);
        if (logged) {
            s.update(
                    "alerts.rule-deactivate",
                    "UPDATE alert_rules SET active = false, updated_at = now()" + " WHERE id = ?",
                    ps -> ps.setLong(1, id));
            return "deactivated";
        }
        return s.update("alerts.rule-delete", "DELETE FROM alert_rules WHERE id = ?", ps -> ps.setLong(1, id)) == 1
                ? "removed"
                : "not found";
    }

    /**
     * Logs evaluations (fired ones with delivery pending, suppressed ones skipped) and moves the fired rules'
     * {@code last_triggered_at}; returns the events with their log ids. Two statements plus one per quarter touched.
     */
    public List<AlertEvent> log(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(s -> {
            events.stream()
                    .map(e -> e.at())
                    .map(AlertRepository::quarterStart)
                    .distinct()
                    .forEach(q -> s.queryOne(
                            "alerts.partition",
                            "SELECT dgas_create_quarter_partition('alert_logs', ?)",
                            ps -> ps.setTimestamp(1, Timestamp.from(q)),
                            rs -> rs.getString(1)));
            int n = events.size();
            Long[] rule = new Long[n];
            String[] sym = new String[n];
            Timestamp[] ts = new Timestamp[n];
            Double[] trig = new Double[n];
            Double[] thr = new Double[n];
            String[] fired = new String[n];
            String[] delivery = new String[n];
            Double[] evalMs = new Double[n];
            String[] msg = new String[n];
            for (int i = 0; i < n; i++) {
                AlertEvent e = events.get(i);
                rule[i] = e.rule().id();
                sym[i] = e.symbol();
                ts[i] = Timestamp.from(e.at());
                trig[i] = Double.isFinite(e.triggerValue()) ? e.triggerValue() : null;
                thr[i] = e.thresholdValue();
                fired[i] = e.fired() ? "fired" : "suppressed";
                delivery[i] = e.fired() ? "pending" : "skipped";
                evalMs[i] = e.evaluationMs();
                msg[i] = e.message();
            }
            List<Long> ids = s.query(
                    "alerts.log-insert",
                    "INSERT INTO alert_logs (rule_id, symbol_id, ts, trigger_value, threshold_value, fired_status,"
                            + " delivery_status, evaluation_ms, message) SELECT u.rule, y.id, u.ts, u.trig, u.thr,"
                            + " u.fired, u.delivery, u.eval, u.msg FROM unnest(?::bigint[], ?::text[],"
                            + " ?::timestamptz[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::float8[], ?::text[])"
                            + " WITH ORDINALITY AS u(rule, sym, ts, trig, thr, fired, delivery, eval, msg, ord)"
                            + " LEFT JOIN symbols y ON y.ticker = u.sym ORDER BY u.ord RETURNING id",
                    ps -> {
                        java.sql.Connection c = ps.getConnection();
                        ps.setArray(1, c.createArrayOf("bigint", rule));
                        ps.setArray(2, c.createArrayOf("text", sym));
                        ps.setArray(3, c.createArrayOf("timestamptz", ts));
                        ps.setArray(4, c.createArrayOf("float8", trig));
                        ps.setArray(5, c.createArrayOf("float8", thr));
                        ps.setArray(6, c.createArrayOf("text", fired));
                        ps.setArray(7, c.createArrayOf("text", delivery));
                        ps.setArray(8, c.createArrayOf("float8", evalMs));
                        ps.setArray(9, c.createArrayOf("text", msg));
                    },
                    rs -> rs.getLong(1));
            List<Long> firedRules = new ArrayList<>();
            for (AlertEvent e : events) {
                if (e.fired()) {
                    firedRules.add(e.rule().id());
                }
            }
            if (!firedRules.isEmpty()) {
                s.update(
                        "alerts.rule-triggered",
                        "UPDATE alert_rules SET last_triggered_at = ? WHERE id = ANY (?)",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(events.get(0).at()));
                            ps.setArray(2, ps.getConnection().createArrayOf("bigint", firedRules.toArray()));
                        });
            }
            List<AlertEvent> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(events.get(i).withId(ids.get(i)));
            }
            return out;
        });
    }

    /** Records how delivery of one logged event went. */
    public void delivered(AlertEvent e, boolean ok, Instant at, double ms, String note) {
        db.update(
                "alerts.log-delivered",
                "UPDATE alert_logs SET delivery_status = ?, delivered_at = ?, delivery_ms = ?,"
                        + " message = coalesce(message, '') || ? WHERE id = ? AND ts = ?",
                ps -> {
                    ps.setString(1, ok ? "sent" : "failed");
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setDouble(3, ms);
                    ps.setString(4, note == null || note.isEmpty() ? "" : " | " + note);
                    ps.setLong(5, e.id());
                    ps.setTimestamp(6, Timestamp.from(e.at()));
                });
    }

    private static Instant quarterStart(Instant at) {
        java.time.ZonedDateTime z = at.atZone(java.time.ZoneOffset.UTC);
        int month = (z.getMonthValue() - 1) / 3 * 3 + 1;
        return java.time.LocalDate.of(z.getYear(), month, 1)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
    }

    static AlertRule rule(ResultSet rs) throws SQLException {
        JsonNode p;
        try {
            p = JSON.readTree(rs.getString(7));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable alert rule params", e);
        }
        List<String> symbols = new ArrayList<>();
        p.path("symbols").forEach(n -> symbols.add(n.asText()));
        Timestamp last = rs.getTimestamp(10);
        return new AlertRule(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                AlertRule.Type.parse(rs.getString(4)),
                AlertRule.Condition.parse(rs.getString(5)),
                rs.getDouble(6),
                p.path("timeframe").asText("1h"),
                p.path("bars").asInt(1),
                p.path("lookback").asInt(20),
                symbols,
                rs.getInt(8),
                rs.getBoolean(9),
                last == null ? null : last.toInstant());
    }
}
