package io.dgas.store.alerts;

import io.dgas.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of alert rules and the alert log, a page at a time (one statement each, never one per row). */
public final class AlertReads {
    private final Database db;

    public AlertReads(Database db) {
        this.db = db;
    }

    /**
     * Filters of the alert log; null fields do not filter.
     *
     * @param ruleId only this rule's entries
     * @param symbol only entries of this ticker
     * @param since only entries at or after
     * @param limit rows at most
     * @param offset rows skipped, newest first
     */
    public record LogQuery(Long ruleId, String symbol, Instant since, int limit, int offset) {
        /** The query as a cache-key path (every field, in order). */
        public String key() {
            return ruleId + ":" + symbol + ":" + since + ":" + limit + ":" + offset;
        }
    }

    /** The rule with id {@code id}, active or not. */
    public Optional<AlertRule> rule(long id) {
        return db.queryOne(
                "alerts.rule",
                "SELECT " + AlertRepository.RULE_COLS + " FROM alert_rules r LEFT JOIN symbols y ON y.id = r.symbol_id"
                        + " WHERE r.id = ?",
                ps -> ps.setLong(1, id),
                AlertRepository::rule);
    }

    /** The id of the rule named {@code name}, if any. */
    public Optional<Long> ruleId(String name) {
        return db.queryOne(
                "alerts.rule-id",
                "SELECT id FROM alert_rules WHERE name = ?",
                ps -> ps.setString(1, name),
                rs -> rs.getLong(1));
    }

    /** Rules by id, active or not. */
    public List<AlertRule> rules(int limit, int offset) {
        return db.query(
                "alerts.rules-page",
                "SELECT " + AlertRepository.RULE_COLS + " FROM alert_rules r LEFT JOIN symbols y ON y.id = r.symbol_id"
                        + " ORDER BY r.id LIMIT ? OFFSET ?",
                ps -> {
                    ps.setInt(1, limit);
                    ps.setInt(2, offset);
                },
                AlertRepository::rule);
    }

    /** Log entries matching {@code q}, newest first. */
    public List<AlertLogEntry> log(LogQuery q) {
        return db.query(
                "alerts.log-page",
                "SELECT l.id, l.ts, l.rule_id, r.name, y.ticker, l.trigger_value, l.threshold_value, l.fired_status,"
                        + " l.delivery_status, l.delivered_at, l.delivery_ms, l.message FROM alert_logs l"
                        + " JOIN alert_rules r ON r.id = l.rule_id LEFT JOIN symbols y ON y.id = l.symbol_id"
                        + " WHERE l.deleted_at IS NULL AND (?::bigint IS NULL OR l.rule_id = ?)"
                        + " AND (?::text IS NULL OR y.ticker = ?) AND (?::timestamptz IS NULL OR l.ts >= ?)"
                        + " ORDER BY l.ts DESC, l.id DESC LIMIT ? OFFSET ?",
                ps -> {
                    ps.setObject(1, q.ruleId(), java.sql.Types.BIGINT);
                    ps.setObject(2, q.ruleId(), java.sql.Types.BIGINT);
                    ps.setString(3, q.symbol());
                    ps.setString(4, q.symbol());
                    Timestamp since = q.since() == null ? null : Timestamp.from(q.since());
                    ps.setTimestamp(5, since);
                    ps.setTimestamp(6, since);
                    ps.setInt(7, q.limit());
                    ps.setInt(8, q.offset());
                },
                AlertReads::entry);
    }

    private static AlertLogEntry entry(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp(10);
        return new AlertLogEntry(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                (Double) rs.getObject(6),
                (Double) rs.getObject(7),
                rs.getString(8),
                rs.getString(9),
                delivered == null ? null : delivered.toInstant(),
                (Double) rs.getObject(11),
                rs.getString(12));
    }
}
