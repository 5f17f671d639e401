-- The signal and multi-timeframe parameters a run analysed with, as {signals: {...}, mtf: {...}} (their stored names),
-- so that runs made under different settings can be told apart and a run can be reproduced; null for runs stored
-- before they were kept.
ALTER TABLE prediction_runs ADD COLUMN settings jsonb;
