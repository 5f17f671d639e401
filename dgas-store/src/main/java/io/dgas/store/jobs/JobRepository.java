package io.dgas.store.jobs;

import io.dgas.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jobs} table (V108): a job's life from queued to ended, its progress and its cancel flag. Every change is
 * one statement; a state moves only forward (queued → running → an end), so a late write of a job that was cancelled
 * or abandoned meanwhile changes nothing.
 */
public final class JobRepository {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String ABANDONED = "abandoned";
    /** Every state, in the order a job may pass through them. */
    public static final List<String> STATES = List.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, ABANDONED);

    private static final String COLS = "id, kind, instance, state, request::text AS request, phase, done, total,"
            + " cancel_requested, result::text AS result, link, error::text AS error, created_at, started_at, finished_at,"
            + " updated_at";
    /** The columns of a list: a job without its answer, which can be large. */
    private static final String LIST_COLS = COLS.replace("result::text AS result", "NULL AS result");

    private final Database db;

    public JobRepository(Database db) {
        this.db = db;
    }

    /** Stores a new queued job of {@code kind} with {@code requestJson}, accepted by {@code instance}. */
    public JobRecord insert(String kind, String instance, String requestJson, Instant now) {
        return db.queryOne(
                        "jobs.insert",
                        "INSERT INTO jobs (kind, instance, state, request, created_at, updated_at)"
                                + " VALUES (?, ?, 'queued', ?::json, ?, ?) RETURNING " + COLS,
                        ps -> {
                            ps.setString(1, kind);
                            ps.setString(2, instance);
                            ps.setString(3, requestJson);
                            ps.setTimestamp(4, Timestamp.from(now));
                            ps.setTimestamp(5, Timestamp.from(now));
                        },
                        JobRepository::record)
                .orElseThrow();
    }

    /**
     * Moves queued job {@code id} to running; false when it is no longer queued (cancelled or abandoned before it
     * started) or its cancel was asked: it must not run.
     */
    public boolean start(long id, Instant now) {
        return db.update(
                        "jobs.start",
                        "UPDATE jobs SET state = 'running', started_at = ?, updated_at = ? WHERE id = ?"
                                + " AND state = 'queued' AND NOT cancel_requested",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(now));
                            ps.setTimestamp(2, Timestamp.from(now));
                            ps.setLong(3, id);
                        })
                == 1;
    }

    /**
     * Records the progress of running job {@code id} and returns whether it should go on: false when its cancel was
     * asked or it is no longer running (abandoned by a sweep that thought it dead).
     */
    public boolean progress(long id, String phase, long done, long total, Instant now) {
        return db.queryOne(
                        "jobs.progress",
                        "UPDATE jobs SET phase = ?, done = ?, total = ?, updated_at = ? WHERE id = ?"
                                + " RETURNING state = 'running' AND NOT cancel_requested",
                        ps -> {
                            ps.setString(1, phase);
                            ps.setLong(2, done);
                            ps.setLong(3, total);
                            ps.setTimestamp(4, Timestamp.from(now));
                            ps.setLong(5, id);
                        },
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /**
     * Ends job {@code id} in {@code state} with its answer (JSON text), the link to what it made and its error (JSON
     * text), any of them null, unless it has ended already; returns whether it did.
     */
    public boolean finish(long id, String state, String resultJson, String link, String errorJson, Instant now) {
        return db.update(
                        "jobs.finish",
                        "UPDATE jobs SET state = ?, result = ?::json, link = ?, error = ?::json, finished_at = ?,"
                                + " updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
                        ps -> {
                            ps.setString(1, state);
                            ps.setString(2, resultJson);
                            ps.setString(3, link);
                            ps.setString(4, errorJson);
                            ps.setTimestamp(5, Timestamp.from(now));
                            ps.setTimestamp(6, Timestamp.from(now));
                            ps.setLong(7, id);
                        })
                == 1;
    }

    /**
     * Asks job {@code id} to stop: a queued job ends cancelled at once, a running one is flagged and ends cancelled
     * at its next progress. Returns the job as it is now, empty when there is no such job.
     */
    public Optional<JobRecord> cancel(long id, Instant now) {
        return db.queryOne(
                "jobs.cancel",
                "UPDATE jobs SET cancel_requested = state IN ('queued', 'running'),"
                        + " state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,"
                        + " finished_at = CASE WHEN state = 'queued' THEN ? ELSE finished_at END,"
                        + " error = CASE WHEN state = 'queued' THEN json_build_object('error', 'cancelled before it"
                        + " started; nothing was stored') ELSE error END, updated_at = ?"
                        + " WHERE id = ? RETURNING " + COLS,
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setLong(3, id);
                },
                JobRepository::record);
    }

    /** Refreshes {@code updated_at} of the open jobs of {@code instance}: they are alive. */
    public int heartbeat(String instance, Instant now) {
        return db.update(
                "jobs.heartbeat",
                "UPDATE jobs SET updated_at = ? WHERE instance = ? AND state IN ('queued', 'running')",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, instance);
                });
    }

    /**
     * Closes as {@code abandoned} every open job not refreshed since {@code aliveSince}: its process died. Returns the
     * ids closed.
     */
    public List<Long> abandonOrphans(Instant aliveSince, Instant now) {
        return db.query(
                "jobs.abandon-orphans",
                "UPDATE jobs SET state = 'abandoned', finished_at = ?, error = json_build_object('error',"
                        + " 'the process running it (' || instance || ') stopped before it ended')"
                        + " WHERE state IN ('queued', 'running') AND updated_at < ? RETURNING id",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setTimestamp(2, Timestamp.from(aliveSince));
                },
                rs -> rs.getLong(1));
    }

    /** Deletes the jobs that ended before {@code before} (their answers with them); returns how many. */
    public int purgeEnded(Instant before) {
        return db.update(
                "jobs.purge",
                "DELETE FROM jobs WHERE state NOT IN ('queued', 'running') AND finished_at < ?",
                ps -> ps.setTimestamp(1, Timestamp.from(before)));
    }

    public Optional<JobRecord> find(long id) {
        return db.queryOne(
                "jobs.find",
                "SELECT " + COLS + " FROM jobs WHERE id = ?",
                ps -> ps.setLong(1, id),
                JobRepository::record);
    }

    /**
     * Jobs newest first, without their answers ({@link JobRecord#result} null), {@code kind} and {@code state} when
     * not null.
     */
    public List<JobRecord> list(String kind, String state, int limit, int offset) {
        return db.query(
                "jobs.list",
                "SELECT " + LIST_COLS + " FROM jobs WHERE (kind = ?::text OR ?::text IS NULL)"
                        + " AND (state = ?::text OR ?::text IS NULL) ORDER BY id DESC LIMIT ? OFFSET ?",
                ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, kind);
                    ps.setString(3, state);
                    ps.setString(4, state);
                    ps.setInt(5, limit);
                    ps.setInt(6, offset);
                },
                JobRepository::record);
    }

    private static JobRecord record(ResultSet rs) throws SQLException {
        return new JobRecord(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("instance"),
                rs.getString("state"),
                rs.getString("request"),
                rs.getString("phase"),
                rs.getLong("done"),
                rs.getLong("total"),
                rs.getBoolean("cancel_requested"),
                rs.getString("result"),
                rs.getString("link"),
                rs.getString("error"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
