-- [C] drummond.md §7: every signal keeps why it exists (reasons: structured JSON object; older rows keep their
-- '[]'), its win probability from calibration with the Wilson lower bound (NULL = uncalibrated; decided = the
-- outcomes the decile held), its expiry (trading bars, and the instant after which an unfilled entry lapses), and the
-- outcome the cycle recorded for it with the same resolution as `dgas signals evaluate`.
ALTER TABLE signals
    ADD COLUMN win_probability       double precision,
    ADD COLUMN win_probability_lower double precision,
    ADD COLUMN calibration_decided   integer NOT NULL DEFAULT 0,
    ADD COLUMN expiry_bars           integer,
    ADD COLUMN expires_at            timestamptz,
    ADD COLUMN outcome               text,
    ADD COLUMN outcome_r             double precision,
    ADD COLUMN resolved_at           timestamptz,
    ADD CONSTRAINT signals_probability_check CHECK (
        (win_probability IS NULL AND win_probability_lower IS NULL)
        OR (win_probability BETWEEN 0 AND 1 AND win_probability_lower BETWEEN 0 AND win_probability)),
    ADD CONSTRAINT signals_decided_check CHECK (calibration_decided >= 0),
    ADD CONSTRAINT signals_expiry_check CHECK (expiry_bars IS NULL OR expiry_bars >= 1),
    ADD CONSTRAINT signals_outcome_check CHECK (
        outcome IS NULL OR outcome IN ('win', 'loss', 'neutral', 'pending', 'not_filled', 'not_applicable'));

-- Calibration reads the decided outcomes; the outcome recorder reads entry signals still unresolved.
CREATE INDEX signals_decided_idx ON signals (signal_type) WHERE outcome IN ('win', 'loss');
CREATE INDEX signals_unresolved_idx ON signals (ts)
    WHERE (outcome IS NULL OR outcome = 'pending') AND signal_type IN ('long', 'short');
