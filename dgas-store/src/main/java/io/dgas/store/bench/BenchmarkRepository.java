package io.dgas.store.bench;

import io.dgas.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored benchmark runs and their results ({@code benchmark_runs}, {@code benchmark_results}). */
public final class BenchmarkRepository {
    private final Database db;

    public BenchmarkRepository(Database db) {
        this.db = db;
    }

    /** A stored run: what ran ({@code standard}: the standard set; {@code single}: one benchmark), where and when. */
    public record Run(long id, String kind, String version, String host, Instant createdAt) {}

    /** One benchmark's figures (a JSON object text) and how long it ran. */
    public record Result(String name, String figures, double seconds) {}

    /** Stores a run with its results in one transaction; returns the run. */
    public Run save(String kind, String version, String host, Instant at, List<Result> results) {
        return db.inTransaction(s -> {
            Run run = s.queryOne(
                            "bench.run-insert",
                            "INSERT INTO benchmark_runs (kind, version, host, created_at) VALUES (?, ?, ?, ?)"
                                    + " RETURNING id, kind, version, host, created_at",
                            ps -> {
                                ps.setString(1, kind);
                                ps.setString(2, version);
                                ps.setString(3, host);
                                ps.setTimestamp(4, Timestamp.from(at));
                            },
                            BenchmarkRepository::run)
                    .orElseThrow();
            for (Result r : results) {
                s.update(
                        "bench.result-insert",
                        "INSERT INTO benchmark_results (run_id, name, figures, seconds) VALUES (?, ?, ?::jsonb, ?)",
                        ps -> {
                            ps.setLong(1, run.id());
                            ps.setString(2, r.name());
                            ps.setString(3, r.figures());
                            ps.setDouble(4, r.seconds());
                        });
            }
            return run;
        });
    }

    /** Runs, newest first. */
    public List<Run> runs(int limit) {
        return db.query(
                "bench.runs",
                "SELECT id, kind, version, host, created_at FROM benchmark_runs ORDER BY id DESC LIMIT ?",
                ps -> ps.setInt(1, limit),
                BenchmarkRepository::run);
    }

    public Optional<Run> run(long id) {
        return db.queryOne(
                "bench.run",
                "SELECT id, kind, version, host, created_at FROM benchmark_runs WHERE id = ?",
                ps -> ps.setLong(1, id),
                BenchmarkRepository::run);
    }

    /** A run's results, by name. */
    public List<Result> results(long runId) {
        return db.query(
                "bench.results",
                "SELECT name, figures::text, seconds FROM benchmark_results WHERE run_id = ? ORDER BY name",
                ps -> ps.setLong(1, runId),
                rs -> new Result(rs.getString(1), rs.getString(2), rs.getDouble(3)));
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
