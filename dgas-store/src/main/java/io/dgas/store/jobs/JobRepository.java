package io.dgas.store.jobs;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The {@code jobs} table (V108, V110): one queue for every server on the database, a job's life from queued to ended,
 * its progress and its cancel flag. Every change is one statement; a state moves forward (queued → running → an end)
 * except that a running job goes back to queued when its server stops ({@link #release}) or dies ({@link
 * #requeueOrphans}). A running job's writes name its claim (the attempt), so a late write of a claim that lost its
 * job (cancelled, abandoned, requeued or claimed again meanwhile) changes nothing.
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
            + " updated_at, attempts";
    /** The columns of a list: a job without its answer, which can be large. */
    private static final String LIST_COLS = COLS.replace("result::text AS result", "NULL AS result");

    private final Database db;

    public JobRepository(Database db) {
        this.db = db;
    }

    /**
     * Stores a new queued job of {@code kind} with {@code requestJson}, accepted by {@code instance}, unless the
     * database holds {@code maxOpen} queued or running jobs already (of every server; two servers inserting at once
     * may pass the bound by one each): then empty.
     */
    public Optional<JobRecord> insert(String kind, String instance, String requestJson, int maxOpen, Instant now) {
        return insert(kind, instance, requestJson, maxOpen, now, (s, job) -> {});
    }

    /**
     * {@link #insert(String, String, String, int, Instant)}, running {@code inSameTransaction} with the stored job
     * before the insert commits (a notification queued there is sent before any server can claim the job).
     */
    public Optional<JobRecord> insert(
            String kind,
            String instance,
            String requestJson,
            int maxOpen,
            Instant now,
            BiConsumer<SqlSession, JobRecord> inSameTransaction) {
        return db.inTransaction(s -> {
            Optional<JobRecord> job = s.queryOne(
                    "jobs.insert",
                    "INSERT INTO jobs (kind, instance, state, request, created_at, updated_at)"
                            + " SELECT ?, ?, 'queued', ?::json, ?, ?"
                            + " WHERE (SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')) < ?"
                            + " RETURNING " + COLS,
                    ps -> {
                        ps.setString(1, kind);
                        ps.setString(2, instance);
                        ps.setString(3, requestJson);
                        ps.setTimestamp(4, Timestamp.from(now));
                        ps.setTimestamp(5, Timestamp.from(now));
                        ps.setInt(6, maxOpen);
                    },
                    JobRepository::record);
            job.ifPresent(j -> inSameTransaction.accept(s, j));
            return job;
        });
    }

    /**
     * Claims for {@code instance} the oldest queued job of one of {@code kinds}, of any server, and moves it to
     * running (a claim more in {@code attempts}); empty when there is none. Two servers claiming at once get
     * different jobs (the row is locked, the other skips it).
     */
    public Optional<JobRecord> claim(String instance, List<String> kinds, Instant now) {
        return db.queryOne(
                "jobs.claim",
                "UPDATE jobs SET state = 'running', instance = ?, started_at = ?, updated_at = ?,"
                        + " attempts = attempts + 1, phase = NULL, done = 0, total = 0"
                        + " WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND NOT cancel_requested"
                        + " AND kind = ANY (?) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLS,
                ps -> {
                    ps.setString(1, instance);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setArray(4, ps.getConnection().createArrayOf("text", kinds.toArray()));
                },
                JobRepository::record);
    }

    /**
     * Puts running job {@code id}, claimed in {@code attempt}, back in the queue (its server is stopping before it
     * ended: another server, or this one started again, runs it anew); false when the claim is no longer the job's.
     */
    public boolean release(long id, int attempt, Instant now) {
        return db.update(
                        "jobs.release",
                        "UPDATE jobs SET state = 'queued', phase = NULL, done = 0, total = 0, updated_at = ?"
                                + " WHERE id = ? AND attempts = ? AND state = 'running'",
                        ps -> {
                            ps.setTimestamp(1, Timestamp.from(now));
                            ps.setLong(2, id);
                            ps.setInt(3, attempt);
                        })
                == 1;
    }

    /**
     * Records the progress of running job {@code id} in its claim {@code attempt} and returns whether it should go
     * on: false when its cancel was asked, or the claim is no longer the job's (it was put back in the queue by a
     * sweep that thought its server dead, perhaps claimed again by another server, or it has ended). The attempt
     * fences a claim: a server that lost its job never writes over the next claim's.
     */
    public boolean progress(long id, int attempt, String phase, long done, long total, Instant now) {
        return db.queryOne(
                        "jobs.progress",
                        "UPDATE jobs SET phase = ?, done = ?, total = ?, updated_at = ? WHERE id = ? AND attempts = ?"
                                + " AND state = 'running' RETURNING NOT cancel_requested",
                        ps -> {
                            ps.setString(1, phase);
                            ps.setLong(2, done);
                            ps.setLong(3, total);
                            ps.setTimestamp(4, Timestamp.from(now));
                            ps.setLong(5, id);
                            ps.setInt(6, attempt);
                        },
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /**
     * Ends running job {@code id}, claimed in {@code attempt}, in {@code state} with its answer (JSON text), the link
     * to what it made and its error (JSON text), any of them null; returns whether it did (not when the claim is no
     * longer the job's: see {@link #progress}).
     */
    public boolean finish(
            long id, int attempt, String state, String resultJson, String link, String errorJson, Instant now) {
        return db.withSession(s -> finish(s, "jobs.finish", id, attempt, state, resultJson, link, errorJson, now, ""));
    }

    /**
     * Ends running job {@code id}, claimed in {@code attempt}, succeeded with its answer and link, in {@code
     * session}'s transaction: the work's results written there commit with the job's end, or neither does (a server
     * that dies before the commit leaves the job to be requeued with nothing stored; one that dies after leaves it
     * ended, never to be run and stored twice). Holds the job's row to the commit; returns false, storing nothing of
     * the job, when its cancel was asked or the claim is no longer the job's (the caller rolls back).
     */
    public boolean succeedIn(SqlSession session, long id, int attempt, String resultJson, String link, Instant now) {
        return finish(
                session,
                "jobs.succeed_in",
                id,
                attempt,
                SUCCEEDED,
                resultJson,
                link,
                null,
                now,
                " AND NOT cancel_requested");
    }

    private static boolean finish(
            SqlSession s,
            String name,
            long id,
            int attempt,
            String state,
            String resultJson,
            String link,
            String errorJson,
            Instant now,
            String andAlso) {
        return s.update(
                        name,
                        // a job that succeeded did all of its last phase, whose last steps the throttled progress
                        // may not have recorded ("replaying 0 of 1" on a finished job)
                        "UPDATE jobs SET state = ?, done = CASE WHEN ? = 'succeeded' THEN total ELSE done END,"
                                + " result = ?::json, link = ?, error = ?::json, finished_at = ?, updated_at = ?"
                                + " WHERE id = ? AND attempts = ? AND state = 'running'" + andAlso,
                        ps -> {
                            ps.setString(1, state);
                            ps.setString(2, state);
                            ps.setString(3, resultJson);
                            ps.setString(4, link);
                            ps.setString(5, errorJson);
                            ps.setTimestamp(6, Timestamp.from(now));
                            ps.setTimestamp(7, Timestamp.from(now));
                            ps.setLong(8, id);
                            ps.setInt(9, attempt);
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

    /**
     * Refreshes {@code updated_at} of the jobs {@code ids} that {@code instance} is running: they are alive. A job
     * its server no longer runs (its end could not be written) is left to go stale and be requeued.
     */
    public int heartbeat(String instance, List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return db.update(
                "jobs.heartbeat",
                "UPDATE jobs SET updated_at = ? WHERE instance = ? AND state = 'running' AND id = ANY (?)",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, instance);
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", ids.toArray()));
                });
    }

    /**
     * The running jobs not refreshed since {@code aliveSince} (their server died) go back to the queue, or, once
     * claimed {@code maxAttempts} times, are closed as {@code abandoned} with an error naming their server; returns
     * them as they are now. Queued jobs wait for any server and are never orphans.
     */
    public List<JobRecord> requeueOrphans(Instant aliveSince, int maxAttempts, Instant now) {
        return db.query(
                "jobs.requeue-orphans",
                "UPDATE jobs SET state = CASE WHEN attempts < ? THEN 'queued' ELSE 'abandoned' END,"
                        + " finished_at = CASE WHEN attempts < ? THEN NULL ELSE ?::timestamptz END,"
                        + " error = CASE WHEN attempts < ? THEN NULL ELSE json_build_object('error', 'the process"
                        + " running it (' || instance || ') stopped before it ended, ' || attempts || ' times')"
                        + " END, phase = NULL, done = 0, total = 0, updated_at = ?"
                        + " WHERE state = 'running' AND updated_at < ? RETURNING " + COLS,
                ps -> {
                    ps.setInt(1, maxAttempts);
                    ps.setInt(2, maxAttempts);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setInt(4, maxAttempts);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, Timestamp.from(aliveSince));
                },
                JobRepository::record);
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
                instant(rs, "updated_at"),
                rs.getInt("attempts"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
