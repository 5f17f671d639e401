-- Symbols a run did not analyse because they have too few bars yet (a new listing, a series just loaded), each with
-- why, as [{symbol, error}] like errors: not failures, so they no longer make a run partial.
ALTER TABLE prediction_runs ADD COLUMN short_history jsonb NOT NULL DEFAULT '[]'::jsonb;
