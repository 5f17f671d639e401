-- The calibration table (wins and losses of decided entry signals by type and confidence decile) was counted over
-- every signal ever stored at each cycle's persist step: 104-137 ms at 333,000 decided signals on PostgreSQL 15,
-- growing for ever. It is now counted as signals are written: statement triggers add the rows a statement makes
-- count (an outcome of win or loss recorded, not superseded, long or short) and subtract those it stops counting.
-- SignalOutcomes.decided reads it; its rows equal the old aggregate's (SignalCalibrationIT).
CREATE TABLE signal_calibration (
    signal_type text    NOT NULL CHECK (signal_type IN ('long', 'short')),
    decile      integer NOT NULL CHECK (decile BETWEEN 0 AND 9),
    wins        bigint  NOT NULL CHECK (wins >= 0),
    losses      bigint  NOT NULL CHECK (losses >= 0),
    PRIMARY KEY (signal_type, decile)
);

-- the signals a row of signals adds to the table, by type and decile (the decile as SignalOutcomes computed it)
CREATE FUNCTION dgas_signal_decile(confidence double precision) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT least(9, floor(greatest(0, least(1, confidence)) * 10))::int $$;

INSERT INTO signal_calibration (signal_type, decile, wins, losses)
SELECT signal_type, dgas_signal_decile(confidence),
       count(*) FILTER (WHERE outcome = 'win'), count(*) FILTER (WHERE outcome = 'loss')
FROM signals
WHERE outcome IN ('win', 'loss') AND superseded_at IS NULL AND signal_type IN ('long', 'short')
GROUP BY 1, 2;

CREATE FUNCTION dgas_count_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE signal_calibration c SET wins = c.wins - d.w, losses = c.losses - d.l
        FROM (SELECT signal_type, dgas_signal_decile(confidence) AS decile,
                     count(*) FILTER (WHERE outcome = 'win') AS w, count(*) FILTER (WHERE outcome = 'loss') AS l
              FROM before_rows
              WHERE outcome IN ('win', 'loss') AND superseded_at IS NULL AND signal_type IN ('long', 'short')
              GROUP BY 1, 2) d
        WHERE c.signal_type = d.signal_type AND c.decile = d.decile;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO signal_calibration AS c (signal_type, decile, wins, losses)
        SELECT signal_type, dgas_signal_decile(confidence),
               count(*) FILTER (WHERE outcome = 'win'), count(*) FILTER (WHERE outcome = 'loss')
        FROM after_rows
        WHERE outcome IN ('win', 'loss') AND superseded_at IS NULL AND signal_type IN ('long', 'short')
        GROUP BY 1, 2
        ON CONFLICT (signal_type, decile) DO UPDATE SET wins = c.wins + EXCLUDED.wins,
                                                        losses = c.losses + EXCLUDED.losses;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER signals_count_inserted AFTER INSERT ON signals
    REFERENCING NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION dgas_count_outcomes();
CREATE TRIGGER signals_count_updated AFTER UPDATE ON signals
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION dgas_count_outcomes();
CREATE TRIGGER signals_count_deleted AFTER DELETE ON signals
    REFERENCING OLD TABLE AS before_rows FOR EACH STATEMENT EXECUTE FUNCTION dgas_count_outcomes();
