-- Win probabilities by the settings signals were made with (a stricter min_reward_risk wins less often at the same
-- score, so outcomes of other settings misstate a signal's chances). A run's settings (V107) get a key: the md5 of
-- their jsonb text without signals.min_calibrated (which decides when a probability is given, not what a signal is),
-- '' for runs stored before settings were kept. The calibration counts (V103) are kept per key; a new signal is
-- calibrated on its own key's counts once its decile holds enough decided outcomes, and on the sum over every key
-- until then (signals.calibration_scope says which: 'settings' or 'all'; null when uncalibrated or stored before).
-- A run's settings are written with the run, before its signals, and not changed after.
CREATE FUNCTION dgas_settings_key(settings jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN settings IS NULL THEN '' ELSE md5((settings #- '{signals,min_calibrated}')::text) END $$;

ALTER TABLE prediction_runs ADD COLUMN settings_key text NOT NULL
    GENERATED ALWAYS AS (dgas_settings_key(settings)) STORED;

ALTER TABLE signals ADD COLUMN calibration_scope text
    CONSTRAINT signals_calibration_scope_check CHECK (calibration_scope IN ('settings', 'all'));

ALTER TABLE signal_calibration ADD COLUMN settings_key text NOT NULL DEFAULT '';
ALTER TABLE signal_calibration DROP CONSTRAINT signal_calibration_pkey;
ALTER TABLE signal_calibration ADD PRIMARY KEY (settings_key, signal_type, decile);

TRUNCATE signal_calibration;
INSERT INTO signal_calibration (settings_key, signal_type, decile, wins, losses)
SELECT r.settings_key, g.signal_type, dgas_signal_decile(g.confidence),
       count(*) FILTER (WHERE g.outcome = 'win'), count(*) FILTER (WHERE g.outcome = 'loss')
FROM signals g JOIN prediction_runs r ON r.id = g.run_id
WHERE g.outcome IN ('win', 'loss') AND g.superseded_at IS NULL AND g.signal_type IN ('long', 'short')
GROUP BY 1, 2, 3;

CREATE OR REPLACE FUNCTION dgas_count_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE signal_calibration c SET wins = c.wins - d.w, losses = c.losses - d.l
        FROM (SELECT r.settings_key, b.signal_type, dgas_signal_decile(b.confidence) AS decile,
                     count(*) FILTER (WHERE b.outcome = 'win') AS w, count(*) FILTER (WHERE b.outcome = 'loss') AS l
              FROM before_rows b JOIN prediction_runs r ON r.id = b.run_id
              WHERE b.outcome IN ('win', 'loss') AND b.superseded_at IS NULL AND b.signal_type IN ('long', 'short')
              GROUP BY 1, 2, 3) d
        WHERE c.settings_key = d.settings_key AND c.signal_type = d.signal_type AND c.decile = d.decile;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO signal_calibration AS c (settings_key, signal_type, decile, wins, losses)
        SELECT r.settings_key, a.signal_type, dgas_signal_decile(a.confidence),
               count(*) FILTER (WHERE a.outcome = 'win'), count(*) FILTER (WHERE a.outcome = 'loss')
        FROM after_rows a JOIN prediction_runs r ON r.id = a.run_id
        WHERE a.outcome IN ('win', 'loss') AND a.superseded_at IS NULL AND a.signal_type IN ('long', 'short')
        GROUP BY 1, 2, 3
        ON CONFLICT (settings_key, signal_type, decile) DO UPDATE SET wins = c.wins + EXCLUDED.wins,
                                                                      losses = c.losses + EXCLUDED.losses;
    END IF;
    RETURN NULL;
END $$;
