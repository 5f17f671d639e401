-- A run left 'running' by an instance that died, with no batch left to run, is closed as 'abandoned' by the next
-- scheduler that starts (it would otherwise stay 'running' forever).
ALTER TABLE prediction_runs DROP CONSTRAINT prediction_runs_status_check;
ALTER TABLE prediction_runs ADD CONSTRAINT prediction_runs_status_check
    CHECK (status IN ('running', 'success', 'partial', 'failed', 'abandoned'));
