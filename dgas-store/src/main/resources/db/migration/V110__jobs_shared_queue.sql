-- Background jobs become one queue for every server on the database: any server's idle worker claims the oldest
-- queued job it knows how to run (FOR UPDATE SKIP LOCKED, so two servers never claim one job), and a running job
-- whose server stopped (released at its stop) or died (silent for a minute) goes back to the queue for another
-- server, at most 3 claims in all (a job that took its server down three times is closed as 'abandoned').
-- attempts: how many times a server has claimed the job. instance: the server that accepted it, then the one that
-- claimed it last.
ALTER TABLE jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD CONSTRAINT jobs_attempts_check CHECK (attempts >= 0);
-- the claim reads the oldest queued job
CREATE INDEX jobs_queued_idx ON jobs (id) WHERE state = 'queued';
